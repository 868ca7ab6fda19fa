package dev.roundup.publishing;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

import dev.roundup.web.SafeHtml;

/** Editors' Markdown (intro, footer, notes) to safe HTML or plain text, with commonmark-java and then {@link SafeHtml}. */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    private Markdown() {
    }

    public static String html(String markdown) {
        return markdown == null || markdown.isBlank() ? "" : SafeHtml.clean(HTML.render(PARSER.parse(markdown)), null);
    }

    public static String text(String markdown) {
        return markdown == null || markdown.isBlank() ? "" : TEXT.render(PARSER.parse(markdown)).strip();
    }
}
