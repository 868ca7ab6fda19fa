package dev.roundup.mail;

import io.quarkus.qute.TemplateExtension;

/**
 * The one rule for a mail's text part: lines of at most 78 characters, broken at spaces, never inside a word or a URL
 * (a reader copies or clicks it whole; text/plain has no soft break a client would join again). A word longer than a
 * line gets a line of its own, so only such a word (after its indent, with the punctuation it carries) is ever longer.
 * A text template writes each paragraph on one line ({@link #paragraphs}); {@link #wrap} breaks the rendered text,
 * and a broken line goes on at its indent (after a bullet "* " or "- ", under the bullet's text).
 */
public final class PlainText {

    public static final int WIDTH = 78;

    private PlainText() {
    }

    /**
     * {@code {text.paragraphs}}: paragraphs apart by a blank line, as Markdown's text gives them; each line of the text
     * (a paragraph, a list item, a line after a hard break) on one line, its runs of spaces made one.
     */
    @TemplateExtension
    public static String paragraphs(String text) {
        return indented(text, "");
    }

    /** {@code {text.indented('  ')}}: {@link #paragraphs}, with every paragraph after the first starting at {@code indent}. */
    @TemplateExtension
    public static String indented(String text, String indent) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String para : text.strip().split("\\n\\s*\\n")) {
            if (!out.isEmpty()) {
                out.append("\n\n").append(indent);
            }
            // a line of its own in the text (a list item, a hard break) stays one: Markdown's text joins soft breaks
            StringBuilder lines = new StringBuilder();
            for (String line : para.strip().split("\n")) {
                if (!line.isBlank()) {
                    lines.append(lines.isEmpty() ? "" : "\n" + indent).append(line.replaceAll("\\s+", " ").strip());
                }
            }
            out.append(lines);
        }
        return out.toString();
    }

    /** {@code {title.underline('=')}}: a heading's underline, as long as the heading (3 to 78 characters). */
    @TemplateExtension
    public static String underline(String title, String mark) {
        return mark.repeat(Math.min(WIDTH, Math.max(3, title.length())));
    }

    /** Breaks every line longer than {@link #WIDTH} at spaces; shorter lines stay exactly as they are. */
    public static String wrap(String text) {
        StringBuilder out = new StringBuilder(text.length() + 256);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            line(text.substring(start, end), out);
            if (end < text.length()) {
                out.append('\n');
            }
            start = end + 1;
        }
        return out.toString();
    }

    private static void line(String text, StringBuilder out) {
        if (text.length() <= WIDTH) {
            out.append(text);
            return;
        }
        int lead = 0;
        while (lead < text.length() && text.charAt(lead) == ' ') {
            lead++;
        }
        String prefix = text.substring(0, lead) + (text.startsWith("* ", lead) || text.startsWith("- ", lead) ? text.substring(lead, lead + 2) : "");
        String indent = " ".repeat(prefix.length());
        StringBuilder line = new StringBuilder(prefix);
        int lineStart = prefix.length();
        for (String word : text.substring(prefix.length()).strip().split(" +")) {
            if (line.length() > lineStart && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(indent);
                lineStart = indent.length();
            }
            if (line.length() > lineStart) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line);
    }
}
