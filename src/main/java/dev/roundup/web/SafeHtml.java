package dev.roundup.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The one place that decides which HTML from outside (feeds, Markdown written by editors) is safe to show on a
 * page or in an email: jsoup's relaxed safelist, absolute http(s) links that open without a referrer, no scripts,
 * styles, frames, forms, event handlers or {@code javascript:}/{@code data:} URLs.
 */
public final class SafeHtml {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addEnforcedAttribute("a", "rel", "noopener noreferrer")
            .removeProtocols("a", "href", "ftp")
            .preserveRelativeLinks(false);

    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

    private SafeHtml() {
    }

    /** Sanitized HTML with its visible text, from one parse. */
    public record Cleaned(String html, String text) {
        /** About {@code words} words of the text, cut at a word boundary, with "…" when cut. */
        public String excerpt(int words) {
            return SafeHtml.cut(text, words);
        }
    }

    /** Cleans {@code html} like {@link #clean} and also returns its text, parsing only once. */
    public static Cleaned cleanWithText(String html, String baseUri) {
        if (html == null || html.isBlank()) {
            return new Cleaned("", "");
        }
        Document dirty = Jsoup.parseBodyFragment(html, baseUri == null ? "" : baseUri);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings(OUTPUT);
        return new Cleaned(clean.body().html(), clean.body().text());
    }

    /** Cleans {@code html}, resolving relative links against {@code baseUri} (links that cannot be resolved are dropped). */
    public static String clean(String html, String baseUri) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return Jsoup.clean(html, baseUri == null ? "" : baseUri, SAFELIST, OUTPUT);
    }

    /** The visible text of an HTML fragment, whitespace collapsed. */
    public static String text(String html) {
        return html == null ? "" : Jsoup.parseBodyFragment(html).text();
    }

    /** About {@code words} words of the fragment's text, cut at a word boundary, with "…" when cut. */
    public static String excerpt(String html, int words) {
        return cut(text(html), words);
    }

    static String cut(String fullText, int words) {
        String text = fullText.strip();
        if (text.isEmpty()) {
            return "";
        }
        String[] parts = text.split("\\s+");
        if (parts.length <= words) {
            return text;
        }
        return String.join(" ", java.util.Arrays.copyOf(parts, words)) + "…";
    }
}
