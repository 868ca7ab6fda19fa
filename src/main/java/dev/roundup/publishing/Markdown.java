package dev.roundup.publishing;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

import dev.roundup.web.SafeHtml;

/**
 * Editors' Markdown (intro, footer, notes, item blurbs) to safe HTML or plain text, with commonmark-java and then
 * {@link SafeHtml}; and {@link #literal}, which makes a text copied from elsewhere Markdown that reads as that text.
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    // a blank line between blocks, so the text part keeps the paragraphs (COMPACT ran them together)
    private static final TextContentRenderer TEXT = TextContentRenderer.builder()
            .lineBreakRendering(org.commonmark.renderer.text.LineBreakRendering.SEPARATE_BLOCKS).build();

    private Markdown() {
    }

    // what CommonMark reads anywhere in a line (emphasis, code, links, HTML, entities) and, at a line's start, blocks
    private static final String INLINE = "\\`*_[]<&";
    private static final String LINE_START = "#>-+=~|";
    private static final java.util.regex.Pattern LIST_NUMBER = java.util.regex.Pattern.compile("^(\\d{1,9})([.)])");

    /**
     * Markdown that reads as {@code text}, character for character: a post's excerpt or a listing's description
     * becomes a blurb through this, so a stray {@code *}, {@code _}, {@code #} or {@code <} in it is shown, never
     * turned into emphasis, a heading or a tag. Only what Markdown would read is escaped (a backslash before it), so
     * the editor still reads the text in the blurb field; a line's leading spaces go (they would make a code block).
     */
    public static String literal(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (String line : text.split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            String l = line.stripLeading();
            java.util.regex.Matcher number = LIST_NUMBER.matcher(l);
            int listDot = number.find() ? number.end(1) : -1;
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if (INLINE.indexOf(c) >= 0 || i == listDot || (i == 0 && LINE_START.indexOf(c) >= 0)) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
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
