package dev.roundup;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for where text may be cut or broken: between user-perceived characters (graphemes), never inside an
 * emoji's surrogate pair, before a combining accent, around a zero-width joiner, before a variation selector or a
 * skin-tone modifier. Java 17's character {@link BreakIterator} knows the first two; the rest are added here.
 * It lives in the root package because publishing breaks long words with it and {@link TextRules} cuts text with it.
 */
public final class Graphemes {

    private Graphemes() {
    }

    /** {@code text} as its graphemes, in order; joined they are {@code text} again. */
    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getCharacterInstance(java.util.Locale.ROOT);
        it.setText(text);
        int start = 0;
        for (int end = it.next(); end != BreakIterator.DONE; end = it.next()) {
            if (end < text.length() && joined(text, end)) {
                continue;
            }
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    /** True when the characters either side of {@code at} belong to one grapheme. */
    private static boolean joined(String text, int at) {
        int next = text.codePointAt(at);
        int previous = text.codePointBefore(at);
        int type = Character.getType(next);
        return Character.isLowSurrogate(text.charAt(at)) || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || next == 0x200D || previous == 0x200D
                || (next >= 0xFE00 && next <= 0xFE0F) || (next >= 0x1F3FB && next <= 0x1F3FF) || (next >= 0xE0020 && next <= 0xE007F);
    }

    /**
     * The longest start of {@code text} of at most {@code max} chars that ends between graphemes, so a cut never
     * leaves half an emoji or an accent without its letter; {@code text} itself when it is short enough.
     */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = 0;
        for (String g : of(text)) {
            if (end + g.length() > max) {
                break;
            }
            end += g.length();
        }
        return text.substring(0, end);
    }
}
