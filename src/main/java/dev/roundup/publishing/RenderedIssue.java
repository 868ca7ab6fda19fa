package dev.roundup.publishing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jsoup.nodes.Entities;

/**
 * An issue rendered once, with its personal parts (the reader's name, their unsubscribe link) left as slots: a reader's
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

    RenderedIssue(String subject, String html, String text, String nameMarker, String unsubscribeMarker) {
        this.subject = subject;
        this.html = new Template(html, nameMarker, unsubscribeMarker);
        this.text = new Template(text, nameMarker, unsubscribeMarker);
    }

    /** The copy for one reader; {@code name} may be null. */
    public Message forReader(String name, String unsubscribeUrl) {
        String who = who(name);
        return new Message(subject, html.fill(Entities.escape(who), Entities.escape(unsubscribeUrl)), text.fill(who, unsubscribeUrl));
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
            return html.fill(htmlPieces, convert, Entities.escape(who(name)), Entities.escape(unsubscribeUrl));
        }

        public List<T> text(String name, String unsubscribeUrl) {
            return text.fill(textPieces, convert, who(name), unsubscribeUrl);
        }
    }

    private static String who(String name) {
        return name == null || name.isBlank() ? "there" : CONTROLS.matcher(name).replaceAll(" ").strip();
    }

    public String subject() {
        return subject;
    }

    /** The fixed pieces of a rendering and, between them, which slot comes next. */
    private static final class Template {
        private final String[] pieces;
        private final boolean[] nameSlot;
        private final int length;

        Template(String source, String nameMarker, String unsubscribeMarker) {
            List<String> parts = new ArrayList<>();
            List<Boolean> slots = new ArrayList<>();
            int i = 0;
            while (true) {
                int n = source.indexOf(nameMarker, i);
                int u = source.indexOf(unsubscribeMarker, i);
                int next = n < 0 ? u : u < 0 ? n : Math.min(n, u);
                if (next < 0) {
                    parts.add(source.substring(i));
                    break;
                }
                parts.add(source.substring(i, next));
                boolean isName = next == n;
                slots.add(isName);
                i = next + (isName ? nameMarker.length() : unsubscribeMarker.length());
            }
            pieces = parts.toArray(String[]::new);
            nameSlot = new boolean[slots.size()];
            for (int k = 0; k < nameSlot.length; k++) {
                nameSlot[k] = slots.get(k);
            }
            length = source.length();
        }

        <T> List<T> fill(List<T> converted, Function<String, T> convert, String name, String unsubscribe) {
            T convertedName = convert.apply(name);
            T convertedUnsubscribe = convert.apply(unsubscribe);
            List<T> out = new ArrayList<>(converted.size() * 2);
            for (int k = 0; k < converted.size(); k++) {
                out.add(converted.get(k));
                if (k < nameSlot.length) {
                    out.add(nameSlot[k] ? convertedName : convertedUnsubscribe);
                }
            }
            return out;
        }

        String fill(String name, String unsubscribe) {
            StringBuilder out = new StringBuilder(length + 256);
            for (int k = 0; k < pieces.length; k++) {
                out.append(pieces[k]);
                if (k < nameSlot.length) {
                    out.append(nameSlot[k] ? name : unsubscribe);
                }
            }
            return out.toString();
        }
    }
}
