package dev.roundup.publishing;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

import dev.roundup.web.SafeHtml;

/** Editors' Markdown (intro, footer, notes) to safe HTML or plain text, with commonmark-java and then {@link SafeHtml}. */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    // a blank line between blocks, so the text part keeps the paragraphs (COMPACT ran them together)
    private static final TextContentRenderer TEXT = TextContentRenderer.builder()
            .lineBreakRendering(org.commonmark.renderer.text.LineBreakRendering.SEPARATE_BLOCKS).build();

    private Markdown() {
    }

    public static String html(String markdown) {
        return markdown == null || markdown.isBlank() ? "" : SafeHtml.clean(HTML.render(PARSER.parse(markdown)), null);
    }

    /** The text of the Markdown, without any HTML written into it (a plain-text mail has no use for tags). */
    public static String text(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        org.commonmark.node.Node doc = PARSER.parse(markdown);
        java.util.List<org.commonmark.node.Node> html = new java.util.ArrayList<>();
        doc.accept(new org.commonmark.node.AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.HtmlInline node) {
                html.add(node);
            }

            @Override
            public void visit(org.commonmark.node.HtmlBlock node) {
                html.add(node);
            }
        });
        html.forEach(org.commonmark.node.Node::unlink);
        return TEXT.render(doc).strip();
    }
}
