package dev.roundup.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import dev.roundup.Graphemes;

/**
 * The one rule for long words in every mail's HTML part, applied once by {@link MailTemplates}: a word longer than {@link #LONG} characters (an identifier, a URL shown
 * as text) gets {@code <wbr>} break opportunities after {@code / . - _ ? & = #} and every {@link #RUN} characters
 * without one. CSS wrapping ({@code overflow-wrap: anywhere}) is not read by every mail client, and a table cell
 * grows to its longest unbreakable word; {@code <wbr>} is, and does not change the text copied or searched.
 * Characters are counted and broken as {@link Graphemes}, so an emoji or an accented letter is never split; a
 * no-break space separates words like a space; the hidden preheader is left alone.
 */
final class LongWords {

    static final int LONG = 24;
    static final int RUN = 16;

    private static final Set<String> SKIPPED = Set.of("style", "script", "title");
    private static final String BREAK_AFTER = "/.-_?&=#";

    private final List<String> keep;

    /** {@code keep}: a word containing one of these (slot markers filled in later, per reader) is left whole. */
    LongWords(String... keep) {
        this.keep = List.of(keep);
    }

    void breakIn(Element root) {
        List<TextNode> texts = new ArrayList<>();
        root.traverse((node, depth) -> {
            if (node instanceof TextNode t && !skipped(t)) {
                texts.add(t);
            }
        });
        texts.forEach(this::breakText);
    }

    private static boolean skipped(TextNode t) {
        for (Node n = t.parentNode(); n != null; n = n.parentNode()) {
            if (n instanceof Element e && (SKIPPED.contains(e.normalName()) || e.hasClass("preheader"))) {
                return true;
            }
        }
        return false;
    }

    static boolean space(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private void breakText(TextNode node) {
        String text = node.getWholeText();
        List<Node> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && !space(text.charAt(end))) {
                end++;
            }
            String word = text.substring(i, end);
            List<String> graphemes = word.length() > LONG && keep.stream().noneMatch(word::contains) ? Graphemes.of(word) : List.of();
            if (graphemes.size() > LONG) {
                int run = 0;
                for (int k = 0; k < graphemes.size(); k++) {
                    String g = graphemes.get(k);
                    pending.append(g);
                    run++;
                    boolean last = k == graphemes.size() - 1;
                    if (!last && ((g.length() == 1 && BREAK_AFTER.contains(g)) || run >= RUN)) {
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
            while (next < text.length() && space(text.charAt(next))) {
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
