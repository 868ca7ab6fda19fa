package dev.roundup.publishing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jsoup.nodes.Entities;

/**
 * An issue rendered once, with its personal parts (the reader's name and first name, their unsubscribe link) left as slots: a reader's
 * copy is the fixed text with their values put into the slots, escaped for HTML, without rendering the template again.
 */
public final class RenderedIssue {

    /** What one reader gets. */
    public record Message(String subject, String html, String text) {
    }

    private static final Pattern CONTROLS = Pattern.compile("\\p{Cntrl}");

    private final String subject;
    private final Template html;
    private final Template text;

    RenderedIssue(String subject, String html, String text, String nameMarker, String firstNameMarker, String unsubscribeMarker) {
        this.subject = subject;
        String[] markers = {nameMarker, firstNameMarker, unsubscribeMarker};
        this.html = new Template(html, markers);
        this.text = new Template(text, markers);
    }

    /** The copy for one reader; {@code name} may be null. */
    public Message forReader(String name, String unsubscribeUrl) {
        String who = who(name);
        String first = firstWord(who);
        return new Message(subject, html.fill(Entities.escape(who), Entities.escape(first), Entities.escape(unsubscribeUrl)),
                text.fill(who, first, unsubscribeUrl));
    }

    /**
     * Both bodies with their fixed pieces converted once by {@code convert} (a sender encodes them for the wire), so a
     * reader's copy converts only what is theirs; joined, the results are {@link #forReader}'s, converted.
     */
    public <T> Prepared<T> prepare(Function<String, T> convert) {
        return new Prepared<>(convert);
    }

    /** The bodies of {@link #prepare}, as converted pieces in order. */
    public final class Prepared<T> {
        private final Function<String, T> convert;
        private final List<T> htmlPieces;
        private final List<T> textPieces;

        private Prepared(Function<String, T> convert) {
            this.convert = convert;
            this.htmlPieces = Arrays.stream(html.pieces).map(convert).toList();
            this.textPieces = Arrays.stream(text.pieces).map(convert).toList();
        }

        public String subject() {
            return subject;
        }

        public List<T> html(String name, String unsubscribeUrl) {
            String who = who(name);
            return html.fill(htmlPieces, convert, Entities.escape(who), Entities.escape(firstWord(who)), Entities.escape(unsubscribeUrl));
        }

        public List<T> text(String name, String unsubscribeUrl) {
            String who = who(name);
            return text.fill(textPieces, convert, who, firstWord(who), unsubscribeUrl);
        }
    }

    /** What a greeting calls a reader with no name. */
    static final String NO_NAME = "there";

    private static String who(String name) {
        String shown = name == null ? "" : CONTROLS.matcher(name).replaceAll(" ").strip();
        return shown.isEmpty() ? NO_NAME : shown; // a name of control characters only is no name
    }

    /** {@code {firstName}}: the first word of the reader's name ("Lena" for "Lena Schmidt"), or "there" without one. */
    static String firstName(String name) {
        return firstWord(who(name));
    }

    /** The first word of a name already made presentable by {@link #who}, which a reader's copy computes once. */
    private static String firstWord(String whole) {
        int space = 0;
        while (space < whole.length() && !Character.isWhitespace(whole.charAt(space))) {
            space++;
        }
        return whole.substring(0, space);
    }

    public String subject() {
        return subject;
    }

    /** The fixed pieces of a rendering and, between them, which slot (an index into the markers) comes next. */
    private static final class Template {
        private final String[] pieces;
        private final int[] slots;
        private final boolean[] used;
        private final int length;

        Template(String source, String[] markers) {
            List<String> parts = new ArrayList<>();
            List<Integer> found = new ArrayList<>();
            int i = 0;
            while (true) {
                int next = -1;
                int which = -1;
                for (int m = 0; m < markers.length; m++) {
                    int at = source.indexOf(markers[m], i);
                    if (at >= 0 && (next < 0 || at < next)) {
                        next = at;
                        which = m;
                    }
                }
                if (next < 0) {
                    parts.add(source.substring(i));
                    break;
                }
                parts.add(source.substring(i, next));
                found.add(which);
                i = next + markers[which].length();
            }
            pieces = parts.toArray(String[]::new);
            slots = found.stream().mapToInt(Integer::intValue).toArray();
            used = new boolean[markers.length];
            for (int slot : slots) {
                used[slot] = true;
            }
            length = source.length();
        }

        /** {@code values} in the order of the markers. */
        <T> List<T> fill(List<T> converted, Function<String, T> convert, String... values) {
            // a reader's values are converted once each, and only those the issue has a slot for
            List<T> convertedValues = new ArrayList<>(values.length);
            for (int m = 0; m < values.length; m++) {
                convertedValues.add(used[m] ? convert.apply(values[m]) : null);
            }
            List<T> out = new ArrayList<>(converted.size() * 2);
            for (int k = 0; k < converted.size(); k++) {
                out.add(converted.get(k));
                if (k < slots.length) {
                    out.add(convertedValues.get(slots[k]));
                }
            }
            return out;
        }

        String fill(String... values) {
            StringBuilder out = new StringBuilder(length + 256);
            for (int k = 0; k < pieces.length; k++) {
                out.append(pieces[k]);
                if (k < slots.length) {
                    out.append(values[slots[k]]);
                }
            }
            return out.toString();
        }
    }
}
