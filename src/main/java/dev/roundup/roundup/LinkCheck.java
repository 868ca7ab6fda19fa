package dev.roundup.roundup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roundup.NotFound;
import dev.roundup.feeds.FeedsConfig;
import dev.roundup.feeds.FetchFailure;
import dev.roundup.feeds.Fetcher;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The dead-link check before sending: every link a reader can click or load, HEAD then GET, with the same guard and
 * deadline as feeds, several at once. That is each included item's link, the sponsor's link and image, and the links
 * and images written in the intro's and the blurbs' Markdown. Broken item links are flagged on their items; the
 * others are named in the result and remembered for "Send now" (by this instance, until it restarts: they have no
 * column of their own). Broken links do not stop anything by themselves.
 */
@ApplicationScoped
public class LinkCheck {

    private static final Parser MARKDOWN = Parser.builder().build();

    @Inject
    Fetcher fetcher;

    @Inject
    FeedsConfig feeds;

    /** The broken links outside items found by each issue's last check. */
    private final Map<Long, List<Broken>> brokenOutsideItems = new ConcurrentHashMap<>();

    /** How a check went: links checked, links broken, and those of them that are not an item's own link. */
    @Schema(name = "LinkCheckResult")
    public record Result(int checked, int broken, List<Broken> outsideItems) {
    }

    /** A broken link: where it is, in the editor's words ("the sponsor's image"), its address and what went wrong. */
    @Schema(name = "BrokenLink")
    public record Broken(String where, String url, String verdict) {
        /** As the editor reads it: {@code the sponsor's image (HTTP 404)}. */
        public String words() {
            return where + " (" + verdict + ")";
        }
    }

    public Result check(long issueId) {
        Map<Long, String> items = new HashMap<>();
        Map<String, String> others = QuarkusTransaction.requiringNew().call(() -> {
            Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> new NotFound("No such issue."));
            issue.includedItems().forEach(i -> items.put(i.id, i.url));
            return linksOutsideItems(issue);
        });
        Map<String, Future<String>> byUrl = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, feeds.concurrency()));
        try {
            items.values().forEach(url -> byUrl.computeIfAbsent(url, u -> pool.submit(() -> verdict(u))));
            others.keySet().forEach(url -> byUrl.computeIfAbsent(url, u -> pool.submit(() -> verdict(u))));
            Map<Long, String> verdicts = new HashMap<>();
            for (Map.Entry<Long, String> e : items.entrySet()) {
                verdicts.put(e.getKey(), byUrl.get(e.getValue()).get());
            }
            List<Broken> broken = new ArrayList<>();
            for (Map.Entry<String, String> e : others.entrySet()) {
                String verdict = byUrl.get(e.getKey()).get();
                if (!verdict.equals("ok")) {
                    broken.add(new Broken(e.getValue(), e.getKey(), verdict));
                }
            }
            Instant now = Instant.now();
            QuarkusTransaction.requiringNew().run(() -> Item.<Item>list("id in ?1", List.copyOf(verdicts.keySet())).forEach(i -> {
                i.linkStatus = verdicts.get(i.id);
                i.checkedAt = now;
            }));
            brokenOutsideItems.put(issueId, List.copyOf(broken));
            int brokenItems = (int) verdicts.values().stream().filter(v -> !v.equals("ok")).count();
            return new Result(verdicts.size() + others.size(), brokenItems + broken.size(), List.copyOf(broken));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The broken links the last check of this issue found that are still in it, item links by their titles: what
     * "Send now" reminds the editor of. Empty when no check ran or every link worked.
     */
    public List<String> lastBroken(long issueId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Issue issue = Issue.<Issue>findById(issueId);
            if (issue == null) {
                return List.<String>of();
            }
            List<String> words = new ArrayList<>();
            issue.includedItems().stream().filter(i -> i.linkStatus != null && !i.linkStatus.equals("ok"))
                    .forEach(i -> words.add("“" + i.title + "” (" + i.linkStatus + ")"));
            Map<String, String> now = linksOutsideItems(issue);
            brokenOutsideItems.getOrDefault(issueId, List.of()).stream().filter(b -> now.containsKey(b.url()))
                    .forEach(b -> words.add(b.words()));
            return words;
        });
    }

    /** The web links of an issue that are not an item's own link, each with where it is (the first place it is). */
    private static Map<String, String> linksOutsideItems(Issue issue) {
        Map<String, String> links = new LinkedHashMap<>();
        if (issue.hasSponsor()) { // readers see no sponsor block without a name
            add(links, issue.sponsorUrl, "the sponsor's link");
            add(links, issue.sponsorImage, "the sponsor's image");
        }
        markdownLinks(issue.intro).forEach(url -> add(links, url, "a link in the intro (" + url + ")"));
        for (Item item : issue.includedItems()) {
            markdownLinks(item.blurb).forEach(url -> add(links, url, "a link in the blurb of “" + item.title + "” (" + url + ")"));
        }
        return links;
    }

    private static void add(Map<String, String> links, String url, String where) {
        String link = url == null ? "" : url.strip();
        if (link.startsWith("http://") || link.startsWith("https://")) {
            links.putIfAbsent(link, where);
        }
    }

    /** The destinations of the links and images in Markdown, as commonmark reads them (the way the issue is rendered). */
    static List<String> markdownLinks(String markdown) {
        List<String> urls = new ArrayList<>();
        if (markdown == null || markdown.isBlank()) {
            return urls;
        }
        MARKDOWN.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                urls.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                urls.add(image.getDestination());
                visitChildren(image);
            }
        });
        return urls;
    }

    private String verdict(String url) {
        if (url != null && url.regionMatches(true, 0, "mailto:", 0, 7)) {
            return "ok"; // a job's "apply by email": an address, not a page to fetch
        }
        try {
            int status = fetcher.check(url);
            return status >= 200 && status < 400 ? "ok" : "HTTP " + status;
        } catch (FetchFailure failure) {
            String m = failure.getMessage();
            return m.length() > 200 ? m.substring(0, 200) : m;
        }
    }
}
