package dev.roundup.feeds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.ParsingFeedException;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.XmlReader;

import dev.roundup.web.SafeHtml;
import dev.roundup.web.XmlText;

/**
 * Turns a fetched body into entries with Rome: RSS 0.9x/1.0/2.0 and Atom 0.3/1.0, DOCTYPEs refused (so no XML
 * entity can be expanded), the declared charset respected. {@link FeedCut} first streams the document down to
 * {@code max-entries-per-fetch} entries, so Rome's in-memory tree stays small whatever a feed sends. Each entry is
 * sanitized here, and every text kept loses the characters XML 1.0 forbids; a malformed entry is skipped and counted,
 * not fatal.
 */
@ApplicationScoped
public class FeedParser {

    @Inject
    FeedsConfig config;

    /** A parsed feed: its own title and site, the entries that made sense, and how many did not. */
    public record ParsedFeed(String title, String siteUrl, List<Entry> entries, int skipped) {
    }

    /** One entry, ready to store: the content is already sanitized, the dates may be null. */
    public record Entry(String guid, String link, String title, String author, Instant published, String contentHtml,
            String contentText) {
    }

    public ParsedFeed parse(byte[] body, String contentType, String feedUrl) throws FetchFailure {
        if (body.length == 0 || new String(body, 0, Math.min(body.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            throw new FetchFailure("empty response: the server sent no feed");
        }
        SyndFeed feed;
        List<String> atomBases;
        FeedCut.Cut cut;
        int leftOut;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            cut = FeedCut.cut(reader, config.maxEntriesPerFetch());
        } catch (FeedCut.DoctypeRefused e) {
            throw notAFeed(contentType, "refused: the document declares a DOCTYPE, which feeds do not need and attacks use");
        } catch (FeedCut.Malformed e) {
            throw notAFeed(contentType, "XML error at line " + e.line + ": " + e.getMessage());
        } catch (IOException e) {
            throw new FetchFailure("could not read the feed: " + e.getMessage());
        }
        try {
            WireFeedInput input = new WireFeedInput();
            input.setAllowDoctypes(false);
            input.setXmlHealerOn(false); // FeedCut healed it already
            leftOut = cut.entriesLeftOut();
            WireFeed wire = input.build(new StringReader(cut.document()));
            cut = null; // the copy may be as large as the body: let it go before the entries are sanitized
            atomBases = atomEntryBases(wire, feedUrl);
            feed = new SyndFeedImpl(wire);
        } catch (ParsingFeedException e) {
            throw notAFeed(contentType, "XML error at line " + e.getLineNumber() + ": " + rootMessage(e));
        } catch (FeedException | IllegalArgumentException e) {
            throw notAFeed(contentType, "not a feed: " + rootMessage(e));
        }
        String base = firstNonBlank(feed.getLink(), feedUrl);
        List<Entry> entries = new ArrayList<>();
        int skipped = leftOut;
        for (int i = 0; i < feed.getEntries().size(); i++) {
            SyndEntry e = feed.getEntries().get(i);
            try {
                Entry entry = entry(e, atomBases == null ? base : atomBases.get(i), feed.getTitle());
                if (entry == null) {
                    skipped++;
                } else {
                    entries.add(entry);
                }
            } catch (RuntimeException malformed) {
                skipped++;
            }
        }
        return new ParsedFeed(plain(feed.getTitle()), absolute(XmlText.clean(feed.getLink()), feedUrl), entries, skipped);
    }

    /** Atom's xml:base, which Rome leaves unresolved: the base for each entry, from the feed URL down. */
    private static List<String> atomEntryBases(WireFeed wire, String feedUrl) {
        if (!(wire instanceof com.rometools.rome.feed.atom.Feed atom)) {
            return null;
        }
        String feedBase = atom.getXmlBase() == null ? feedUrl : absoluteAny(atom.getXmlBase(), feedUrl);
        List<String> bases = new ArrayList<>();
        for (com.rometools.rome.feed.atom.Entry e : atom.getEntries()) {
            bases.add(e.getXmlBase() == null ? feedBase : absoluteAny(e.getXmlBase(), feedBase));
        }
        return bases;
    }

    private static String absoluteAny(String ref, String base) {
        try {
            return base == null ? ref : new URI(base.strip()).resolve(ref.strip()).toString();
        } catch (Exception invalid) {
            return base;
        }
    }

    private static FetchFailure notAFeed(String contentType, String detail) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
            return new FetchFailure("not a feed: got " + type);
        }
        return new FetchFailure(detail);
    }

    private static Entry entry(SyndEntry e, String base, String feedTitle) {
        String link = absolute(XmlText.clean(firstNonBlank(e.getLink(), alternateLink(e))), base);
        String guid = e.getUri() == null || e.getUri().isBlank() ? null : XmlText.clean(e.getUri().strip());
        if (link == null && guid != null && (guid.startsWith("http://") || guid.startsWith("https://"))) {
            link = guid;
        }
        String title = titleOf(e);
        if (link == null || link.length() > 2000 || (title == null && e.getDescription() == null && e.getContents().isEmpty())) {
            return null; // counted as skipped: one odd entry never breaks the feed
        }
        SafeHtml.Cleaned sanitized = SafeHtml.cleanWithText(contentOf(e), link);
        // jsoup turns a reference such as &#1; back into the character: clean what it gives back, not what it got
        SafeHtml.Cleaned content = new SafeHtml.Cleaned(XmlText.cleanHtml(sanitized.html()), XmlText.clean(sanitized.text()));
        if (title == null || title.isBlank()) {
            title = content.excerpt(10);
        }
        if (title.isBlank()) {
            title = link;
        }
        String author = firstNonBlank(plain(e.getAuthor()), e.getAuthors().isEmpty() ? null : plain(e.getAuthors().get(0).getName()));
        Date date = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
        return new Entry(guid, link, truncate(title, 1000), truncate(firstNonBlank(author, plain(feedTitle)), 300),
                date == null ? null : date.toInstant(), content.html(), content.text());
    }

    /** Atom titles may be HTML; RSS titles are text (entities already decoded by the XML parser). */
    private static String titleOf(SyndEntry e) {
        String type = e.getTitleEx() == null || e.getTitleEx().getType() == null ? "text" : e.getTitleEx().getType();
        if (e.getTitle() == null) {
            return null;
        }
        String title = XmlText.clean(type.contains("html") ? SafeHtml.text(e.getTitle()) : e.getTitle().replaceAll("\\s+", " "));
        title = title.strip();
        return title.isEmpty() ? null : title;
    }

    /** {@code content:encoded} (or Atom content) when present, the description otherwise; plain text becomes HTML. */
    private static String contentOf(SyndEntry e) {
        List<SyndContent> contents = e.getContents();
        if (!contents.isEmpty()) {
            return contents.stream().map(FeedParser::asHtml).collect(Collectors.joining("\n"));
        }
        return e.getDescription() == null ? "" : asHtml(e.getDescription());
    }

    private static String asHtml(SyndContent c) {
        String value = c.getValue() == null ? "" : c.getValue();
        String type = c.getType() == null ? "html" : c.getType().toLowerCase(Locale.ROOT);
        if (type.equals("text") || type.equals("text/plain")) {
            return "<p>" + org.jsoup.nodes.Entities.escape(value).replace("\n\n", "</p><p>") + "</p>";
        }
        return value;
    }

    private static String alternateLink(SyndEntry e) {
        for (SyndLink l : e.getLinks()) {
            if (l.getRel() == null || l.getRel().equals("alternate")) {
                return l.getHref();
            }
        }
        return null;
    }

    private static String absolute(String link, String base) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            URI resolved = base == null ? new URI(link.strip()) : new URI(base.strip()).resolve(link.strip());
            String scheme = resolved.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) ? resolved.toString() : null;
        } catch (Exception invalid) {
            return null;
        }
    }

    private static String plain(String s) {
        if (s == null) {
            return null;
        }
        String text = XmlText.clean(SafeHtml.text(s)).strip();
        return text.isEmpty() ? null : text;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? t.getMessage() : root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
