package dev.roundup.publishing;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.nodes.Entities;

/**
 * An issue rendered once, with its personal parts (the reader's name, their unsubscribe link) left as slots: a reader's
 * copy is the fixed text with their values put into the slots, escaped for HTML, without rendering the template again.
 */
public final class RenderedIssue {

    /** What one reader gets. */
    public record Message(String subject, String html, String text) {
    }

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
        String who = name == null || name.isBlank() ? "there" : name.replaceAll("[\\p{Cntrl}]", " ").strip();
        return new Message(subject, html.fill(Entities.escape(who), Entities.escape(unsubscribeUrl)), text.fill(who, unsubscribeUrl));
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
