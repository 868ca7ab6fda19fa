package dev.roundup.enrichment;

import java.net.URI;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a page says about itself in its HTML: its og:image (made absolute against the page), site name, author, and
 * how long its main text takes to read at {@value #WORDS_PER_MINUTE} words a minute. Any of them may be null.
 */
public record PageFacts(String imageUrl, String siteName, String author, Integer readingMinutes) {

    static final int WORDS_PER_MINUTE = 230;

    /** Reads the facts out of {@code html}, fetched from {@code pageUrl} (relative links resolve against it). */
    public static PageFacts read(String html, String pageUrl) {
        return of(Jsoup.parse(html, pageUrl), pageUrl);
    }

    /** Reads the facts out of a fetched body, in the charset its Content-Type names, else the one the page declares. */
    static PageFacts read(byte[] body, String contentType, String pageUrl) throws java.io.IOException {
        java.util.regex.Matcher charset = java.util.regex.Pattern.compile("(?i)charset=\"?([\\w.:-]+)").matcher(contentType == null ? "" : contentType);
        String name = charset.find() && java.nio.charset.Charset.isSupported(charset.group(1)) ? charset.group(1) : null;
        return of(Jsoup.parse(new java.io.ByteArrayInputStream(body), name, pageUrl), pageUrl);
    }

    private static PageFacts of(Document doc, String pageUrl) {
        String image = absolute(first(doc, "meta[property=og:image:secure_url]", "meta[property=og:image]",
                "meta[property=og:image:url]", "meta[name=twitter:image]"), pageUrl);
        String site = first(doc, "meta[property=og:site_name]", "meta[name=application-name]");
        String author = first(doc, "meta[name=author]", "meta[property=article:author]", "meta[name=article:author]");
        if (author != null && author.matches("(?i)https?://.*")) {
            author = null; // article:author is often the author's profile page, not a name
        }
        return new PageFacts(image, oneLine(site), oneLine(author), readingMinutes(doc));
    }

    private static String first(Document doc, String... selectors) {
        for (String selector : selectors) {
            Element meta = doc.selectFirst(selector);
            if (meta != null && !meta.attr("content").isBlank()) {
                return meta.attr("content").strip();
            }
        }
        return null;
    }

    /** An http(s) address for the image, or null: a data: or javascript: image is no image to fetch. */
    private static String absolute(String image, String pageUrl) {
        if (image == null) {
            return null;
        }
        try {
            URI resolved = URI.create(pageUrl).resolve(image.replace(" ", "%20"));
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && resolved.toString().length() <= 2000 ? resolved.toString() : null;
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return null;
        }
        String line = s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (line.isEmpty()) {
            return null;
        }
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }

    /** Words of the main text: the article (or main) when the page marks one, else the body without its chrome. */
    private static Integer readingMinutes(Document doc) {
        Element main = doc.selectFirst("article");
        if (main == null) {
            main = doc.selectFirst("main, [role=main]");
        }
        if (main == null) {
            main = doc.body();
        }
        if (main == null) {
            return null;
        }
        Element text = main.clone();
        text.select("script, style, noscript, nav, header, footer, aside, form, template").remove();
        String words = text.text().strip();
        if (words.isEmpty()) {
            return null;
        }
        int count = words.split("\\s+").length;
        return Math.max(1, (int) Math.ceil(count / (double) WORDS_PER_MINUTE));
    }
}
