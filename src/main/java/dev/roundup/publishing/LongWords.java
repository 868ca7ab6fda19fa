package dev.roundup.publishing;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The one rule for long words in the email: a word longer than {@link #LONG} characters (an identifier, a URL shown
 * as text) gets {@code <wbr>} break opportunities after {@code / . - _ ? & = #} and every {@link #RUN} characters
 * without one. CSS wrapping ({@code overflow-wrap: anywhere}) is not read by every mail client, and a table cell
 * grows to its longest unbreakable word; {@code <wbr>} is, and does not change the text copied or searched.
 */
final class LongWords {

    static final int LONG = 24;
    static final int RUN = 16;

    private static final java.util.Set<String> SKIPPED = java.util.Set.of("style", "script", "title");

    private final String keep;

    /** {@code keep}: a word containing this (a slot marker filled in later) is left whole. */
    LongWords(String keep) {
        this.keep = keep;
    }

    void breakIn(Element root) {
        List<TextNode> texts = new ArrayList<>();
        root.traverse((node, depth) -> {
            if (node instanceof TextNode t && (t.parent() == null || !SKIPPED.contains(((Element) t.parent()).normalName()))) {
                texts.add(t);
            }
        });
        texts.forEach(this::breakText);
    }

    private void breakText(TextNode node) {
        String text = node.getWholeText();
        List<Node> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            String word = text.substring(i, end);
            if (word.length() > LONG && !word.contains(keep)) {
                int run = 0;
                for (int k = 0; k < word.length(); k++) {
                    char c = word.charAt(k);
                    pending.append(c);
                    run++;
                    boolean last = k == word.length() - 1;
                    if (!last && ("/.-_?&=#".indexOf(c) >= 0 || run >= RUN)) {
                        out.add(new TextNode(pending.toString()));
                        out.add(new Element("wbr"));
                        pending.setLength(0);
                        run = 0;
                    }
                }
            } else {
                pending.append(word);
            }
            int next = end;
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            pending.append(text, end, next);
            i = next;
        }
        if (out.isEmpty()) {
            return;
        }
        out.add(new TextNode(pending.toString()));
        out.forEach(node::before);
        node.remove();
    }
}
