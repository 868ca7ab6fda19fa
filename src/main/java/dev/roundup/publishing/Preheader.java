package dev.roundup.publishing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.roundup.Graphemes;

/**
 * The preheader: the hidden text an inbox shows beside the subject. The editor's own words when they wrote some, else
 * the intro's first sentence, so the preview says something the subject does not.
 */
final class Preheader {

    /** Long enough for every inbox's preview line; longer text is cut at a word. */
    static final int MAX = 150;

    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…](?=[\\s\"'”’)]|$)");

    private Preheader() {
    }

    /**
     * {@code own} if it holds text, else the first sentence of {@code introText}; empty when both are empty.
     * {@code marker} (the per-reader name slot, may be null) is never cut: a word holding it is dropped whole instead.
     */
    static String of(String own, String introText, String marker) {
        if (own != null && !own.isBlank()) {
            return cut(own.replaceAll("\\s+", " ").strip(), marker);
        }
        if (introText == null || introText.isBlank()) {
            return "";
        }
        String paragraph = introText.strip().split("\\n\\s*\\n", 2)[0].replaceAll("\\s+", " ");
        Matcher end = SENTENCE_END.matcher(paragraph);
        return cut(end.find() ? paragraph.substring(0, end.end()) : paragraph, marker);
    }

    /** At the last space before {@link #MAX}, else at the last whole grapheme; a cut word holding the marker goes. */
    private static String cut(String text, String marker) {
        if (text.length() <= MAX) {
            return text;
        }
        int space = text.lastIndexOf(' ', MAX - 1);
        int at = space > MAX / 2 ? space : lastGraphemeEnd(text, MAX - 1);
        if (marker != null && !marker.isEmpty()) {
            int wordStart = text.lastIndexOf(' ', at - 1) + 1;
            int wordEnd = text.indexOf(' ', at);
            String word = text.substring(wordStart, wordEnd < 0 ? text.length() : wordEnd);
            if (at < wordStart + word.length() && at > wordStart && word.contains(marker)) {
                at = wordStart;
            }
        }
        return text.substring(0, at).stripTrailing() + "…";
    }

    private static int lastGraphemeEnd(String text, int limit) {
        int end = 0;
        for (String g : Graphemes.of(text)) {
            if (end + g.length() > limit) {
                break;
            }
            end += g.length();
        }
        return end;
    }
}
