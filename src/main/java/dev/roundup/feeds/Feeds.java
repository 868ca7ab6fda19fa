package dev.roundup.feeds;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import dev.roundup.NotFound;
import dev.roundup.Rejected;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The editor's feed list: adding a feed (or the feed of a site), changing and deleting feeds. */
@ApplicationScoped
public class Feeds {

    @Inject
    Fetcher fetcher;

    @Inject
    FeedCollector collector;

    @Inject
    FeedBodies bodies;

    @Inject
    FeedsConfig config;

    /** Longest feed address stored (the column's size); longer ones are refused with a clear message. */
    static final int MAX_URL = 2000;

    /** How much of a web page is searched for the feed it announces: {@code <link>}s are in its head. */
    static final int DISCOVERY_BYTES = 512 * 1024;

    /**
     * Adds the feed at {@code url}, or the feed a web page at {@code url} announces with
     * {@code <link rel="alternate">}, fetches it at once and stores its posts.
     */
    public Feed add(String url, String title, String notes) {
        String feedUrl = checkedUrl(url);
        try (FeedBodies.Place place = bodies.take(config.timeout())) {
            refuseDuplicate(feedUrl);
            Fetched fetched = fetcher.get(feedUrl, null, null);
            if (fetched.ok() && looksLikeHtml(fetched)) {
                feedUrl = checkedUrl(discover(fetched).orElseThrow(() -> new Rejected("url",
                        "This page does not announce a feed (no <link rel=\"alternate\"> to RSS or Atom). Enter the feed's own address.")));
                refuseDuplicate(feedUrl);
                fetched = fetcher.get(feedUrl, null, null);
            }
            if (!fetched.ok()) {
                throw new Rejected("url", "Could not fetch it: " + FeedCollector.describe(fetched.status()) + ".");
            }
            String finalUrl = fetched.movedPermanentlyTo() != null && fetched.movedPermanentlyTo().length() <= MAX_URL
                    ? fetched.movedPermanentlyTo() : feedUrl;
            refuseDuplicate(finalUrl);
            Feed feed = QuarkusTransaction.requiringNew().call(() -> create(finalUrl, title, notes));
            FeedCollector.Outcome outcome = collector.apply(feed.id, fetched, null);
            return QuarkusTransaction.requiringNew().call(() -> Feed.findById(outcome.feedId()));
        } catch (FetchFailure failure) {
            throw new Rejected("url", "Could not fetch it: " + failure.getMessage() + ".");
        }
    }

    /** A feed address Roundup can fetch and store: http(s), with a host, at most {@link #MAX_URL} characters. */
    private static String checkedUrl(String url) {
        if (url != null && url.strip().length() > MAX_URL) {
            throw new Rejected("url", "This address is " + url.strip().length() + " characters long; a feed address can have at most "
                    + MAX_URL + ".");
        }
        try {
            String parsed = Fetcher.parse(url == null ? "" : url).toString();
            if (parsed.length() > MAX_URL) {
                throw new Rejected("url", "This address is too long: a feed address can have at most " + MAX_URL + " characters.");
            }
            return parsed;
        } catch (FetchFailure invalid) {
            throw new Rejected("url", "Could not fetch it: " + invalid.getMessage() + ".");
        }
    }

    /** Adds a feed without fetching it (OPML import): the scheduler fetches it soon. */
    Feed create(String url, String title, String notes) {
        Feed feed = new Feed();
        feed.url = url;
        feed.title = blankToNull(title, 300);
        feed.notes = blankToNull(notes, 2000);
        feed.createdAt = Instant.now();
        feed.nextFetchAt = feed.createdAt;
        feed.persist();
        return feed;
    }

    /** The feed as it is stored now (read in its own transaction, so never a stale copy). */
    public java.util.Optional<Feed> get(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Feed.<Feed>findByIdOptional(id));
    }

    /** Changes what the editor controls: title, notes, enabled. Enabling a feed fetches it at the next tick. */
    public Feed update(long id, String title, String notes, boolean enabled) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Feed feed = Feed.<Feed>findByIdOptional(id).orElseThrow(() -> new NotFound("No such feed."));
            feed.title = blankToNull(title, 300);
            feed.notes = blankToNull(notes, 2000);
            if (enabled && !feed.enabled) {
                feed.disabledReason = null;
                feed.consecutiveFailures = 0;
                feed.nextFetchAt = Instant.now();
            } else if (!enabled && feed.enabled) {
                feed.disabledReason = "disabled by an editor";
            }
            feed.enabled = enabled;
            return feed;
        });
    }

    /**
     * Deletes a feed. With {@code keepPosts} its posts stay (still credited to the blog by name); otherwise posts that
     * no other feed carries go too. Returns how many posts were deleted.
     */
    public long delete(long id, boolean keepPosts) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Feed feed = Feed.<Feed>findByIdOptional(id).orElseThrow(() -> new NotFound("No such feed."));
            long deleted = 0;
            if (!keepPosts) {
                List<Long> onlyHere = Post.getEntityManager().createQuery(
                        "select s.post.id from PostSource s where s.feed = ?1 and not exists "
                                + "(select 1 from PostSource o where o.post = s.post and (o.feed is null or o.feed <> ?1))", Long.class)
                        .setParameter(1, feed).getResultList();
                PostSource.delete("feed", feed);
                for (int i = 0; i < onlyHere.size(); i += 500) {
                    deleted += Post.delete("id in ?1", onlyHere.subList(i, Math.min(onlyHere.size(), i + 500)));
                }
            } else {
                PostSource.update("feed = null where feed = ?1", feed);
            }
            Post.update("sourceCount = (select count(s) from PostSource s where s.post = Post) "
                    + "where id in (select s.post.id from PostSource s where s.feed is null)");
            feed.delete();
            return deleted;
        });
    }

    private void refuseDuplicate(String url) {
        QuarkusTransaction.requiringNew().call(() -> Feed.findByUrl(url)).ifPresent(existing -> {
            throw new Rejected("url", "This feed is already in the list as “" + existing.displayName() + "”.");
        });
    }

    private static boolean looksLikeHtml(Fetched fetched) {
        String type = fetched.contentType() == null ? "" : fetched.contentType().toLowerCase(Locale.ROOT);
        if (type.contains("html")) {
            return true;
        }
        String start = new String(fetched.body(), 0, Math.min(fetched.body().length, 512), StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    /** The first RSS or Atom feed a page announces, as an absolute URL. */
    static java.util.Optional<String> discover(Fetched page) {
        // only the start of the page: a huge page is not worth a whole DOM in memory, and the <link>s are in its head
        Document doc = Jsoup.parse(new String(page.body(), 0, Math.min(page.body().length, DISCOVERY_BYTES), StandardCharsets.UTF_8),
                page.finalUrl());
        for (Element link : doc.select("link[rel~=(?i)alternate][href]")) {
            String type = link.attr("type").toLowerCase(Locale.ROOT);
            if (type.equals("application/rss+xml") || type.equals("application/atom+xml")) {
                String href = link.absUrl("href");
                if (!href.isEmpty()) {
                    return java.util.Optional.of(href);
                }
            }
        }
        return java.util.Optional.empty();
    }

    static String blankToNull(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = dev.roundup.web.XmlText.clean(s.strip().replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", ""));
        return t.length() > max ? t.substring(0, max) : t;
    }

    /** Counts for the editor's dashboard. */
    public record Summary(long feeds, long failing, long postsThisWeek) {
    }

    public Summary summary() {
        return new Summary(Feed.count(), Feed.count("enabled = true and consecutiveFailures > 0"),
                Post.count("publishedAt >= ?1", Instant.now().minus(java.time.Duration.ofDays(7))));
    }

    /** For the OPML import report: what happened to each outline. */
    public record ImportLine(String url, String title, String outcome) {
    }

    /** Adds every feed of an OPML document that is not there yet; reports each outline. Fetching follows in the background. */
    public List<ImportLine> importOpml(String opml) {
        List<ImportLine> report = new java.util.ArrayList<>();
        List<Long> added = new java.util.ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Opml.Outline outline : Opml.read(opml)) {
            String url;
            try {
                url = Fetcher.parse(outline.xmlUrl()).toString();
                if (url.length() > MAX_URL) {
                    throw new FetchFailure("longer than " + MAX_URL + " characters");
                }
            } catch (FetchFailure invalid) {
                report.add(new ImportLine(outline.xmlUrl(), outline.title(), "invalid URL: " + invalid.getMessage()));
                continue;
            }
            if (seen.containsKey(url) || QuarkusTransaction.requiringNew().call(() -> Feed.findByUrl(url)).isPresent()) {
                report.add(new ImportLine(url, outline.title(), "already present"));
                continue;
            }
            seen.put(url, outline.title());
            Feed feed = QuarkusTransaction.requiringNew().call(() -> create(url, outline.title(), null));
            added.add(feed.id);
            report.add(new ImportLine(url, outline.title(), "added"));
        }
        collector.collectLater(added);
        return report;
    }
}
