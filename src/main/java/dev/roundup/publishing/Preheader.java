package dev.roundup.publishing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** {@code own} if it holds text, else the first sentence of {@code introText}; empty when both are empty. */
    static String of(String own, String introText) {
        if (own != null && !own.isBlank()) {
            return cut(own.replaceAll("\\s+", " ").strip());
        }
        if (introText == null || introText.isBlank()) {
            return "";
        }
        String paragraph = introText.strip().split("\\n\\s*\\n", 2)[0].replaceAll("\\s+", " ");
        Matcher end = SENTENCE_END.matcher(paragraph);
        return cut(end.find() ? paragraph.substring(0, end.end()) : paragraph);
    }

    private static String cut(String text) {
        if (text.length() <= MAX) {
            return text;
        }
        int space = text.lastIndexOf(' ', MAX - 1);
        return text.substring(0, space > MAX / 2 ? space : MAX - 1) + "…";
    }
}
