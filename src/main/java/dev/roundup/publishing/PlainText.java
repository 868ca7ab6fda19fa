package dev.roundup.publishing;

/** Writes the plain-text version of an issue: headings underlined, URLs on their own lines, lines of at most 78 characters. */
final class PlainText {

    static final int WIDTH = 78;
    private final StringBuilder out = new StringBuilder(8192);

    PlainText heading(String title, char underline) {
        out.append(title).append('\n').append(String.valueOf(underline).repeat(Math.min(WIDTH, Math.max(3, title.length())))).append("\n\n");
        return this;
    }

    /**
     * A text of paragraphs (separated by blank lines, kept so), each wrapped at word boundaries; {@code indent} starts
     * every line after the first.
     */
    PlainText paragraph(String text, String firstPrefix, String indent) {
        if (text == null || text.isBlank()) {
            return this;
        }
        boolean first = true;
        for (String para : text.strip().split("\\n\\s*\\n")) {
            if (!first) {
                out.append('\n');
            }
            wrap(para.replaceAll("\\s+", " ").strip(), first ? firstPrefix : indent, indent);
            first = false;
        }
        return this;
    }

    /** A URL alone on its line, never broken. */
    PlainText url(String url, String indent) {
        out.append(indent).append(url).append('\n');
        return this;
    }

    PlainText raw(String s) {
        out.append(s);
        return this;
    }

    PlainText blank() {
        out.append('\n');
        return this;
    }

    private void wrap(String text, String firstPrefix, String indent) {
        StringBuilder line = new StringBuilder(firstPrefix);
        int lineStart = firstPrefix.length();
        for (String word : text.split(" ")) {
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
        out.append(line).append('\n');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
