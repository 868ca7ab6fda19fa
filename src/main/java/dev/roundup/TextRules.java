package dev.roundup;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one set of rules for text people type into Roundup, asked by every form, import and API: a required field is
 * present, a one-line field is one line of plain text (no control characters, no line or paragraph separators, no
 * bidi controls that could make a name read backwards), a text is plain text whose line breaks are kept, lengths are
 * bounded, links are absolute http(s), addresses are what {@link EmailAddress} accepts, and a name is an optional
 * one-line text of at most {@link #NAME_MAX} characters.
 *
 * <p>Used as a collector (one error per field, and the cleaned values to show back in a form) or, for one value, by
 * its static methods; either way a broken rule ends as a {@link Rejected} naming the field. It lives in the root
 * package because subscribers, listings, settings and the editor all use it, and none may depend on another for it.
 */
public final class TextRules {

    /** The longest name a subscriber or an editor may have. */
    public static final int NAME_MAX = 200;

    public static final String NAME_RULE = "A name is one line of at most " + NAME_MAX + " characters.";

    /** What an apply-by-email address may hold, so that its {@code mailto:} link names one recipient and nothing else. */
    private static final Pattern MAILTO_SAFE = Pattern.compile("[\\p{L}\\p{N}._+'-]+@[\\p{L}\\p{N}.-]+");

    private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]+");

    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, String> clean = new LinkedHashMap<>();

    /** Whether {@code s} is one line of plain text: no control character at all (tab included), no separator, no bidi control. */
    public static boolean isOneLine(String s) {
        return s.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || bidiControl(c));
    }

    /** Whether {@code s} is plain text: one-line text that may also hold line feeds and tabs. */
    public static boolean isPlainText(String s) {
        return s.chars().noneMatch(c -> (Character.isISOControl(c) && c != '\n' && c != '\t') || bidiControl(c));
    }

    /** Whether {@code s} breaks a line anywhere: CR, LF, vertical tab, form feed, NEL, line or paragraph separator. */
    public static boolean breaksLine(String s) {
        return s.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == '\u2028' || c == '\u2029');
    }

    /**
     * {@code s} made one line where refusing is not an option (a feed's title, a mail header): each run of control
     * characters, separators and bidi controls becomes one space, then at most {@code max} chars, cut between graphemes.
     */
    public static String toOneLine(String s, int max) {
        String v = s == null ? "" : isOneLine(s) ? s.strip() : BREAKS.matcher(s).replaceAll(" ").strip();
        return Graphemes.cut(v, max);
    }

    /**
     * A name as it is stored: stripped, null when blank (a name is always optional); throws {@link Rejected} on
     * {@code field} when it is not one line of at most {@link #NAME_MAX} characters.
     */
    public static String checkName(String field, String value) {
        TextRules rules = new TextRules();
        String v = rules.name(field, value);
        rules.check();
        return v;
    }

    /** One line, like a title; null when blank and not required. */
    public String line(String field, String value, int max, boolean required) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            if (required) {
                errors.put(field, "This field is required.");
            }
            return keep(field, null);
        }
        if (!isOneLine(v)) {
            errors.put(field, "Keep this on one line.");
        } else if (v.length() > max) {
            errors.put(field, "At most " + max + " characters (this has " + v.length() + ").");
        }
        return keep(field, v);
    }

    /** A required plain text with its line breaks (any of CR LF, CR, LF kept as LF), like a description. */
    public String text(String field, String value, int max) {
        String v = value == null ? "" : value.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (v.isEmpty()) {
            errors.put(field, "This field is required.");
            return keep(field, null);
        }
        if (!isPlainText(v)) {
            errors.put(field, "Only plain text, please.");
        } else if (v.length() > max) {
            errors.put(field, "At most " + max + " characters (this has " + v.length() + ").");
        }
        return keep(field, v);
    }

    /** A person's name: optional, one line, at most {@link #NAME_MAX} characters; null when blank. */
    public String name(String field, String value) {
        String v = value == null ? "" : value.strip();
        if (!v.isEmpty() && (!isOneLine(v) || v.length() > NAME_MAX)) {
            errors.put(field, NAME_RULE);
        }
        return keep(field, v.isEmpty() ? null : v);
    }

    /** An absolute http(s) link with a host. */
    public String link(String field, String value, boolean required) {
        String v = line(field, value, 2000, required);
        if (v == null || errors.containsKey(field)) {
            return v;
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.put(field, "Enter a web address starting with https:// or http://.");
            }
        } catch (Exception e) {
            errors.put(field, "Enter a web address starting with https:// or http://.");
        }
        return v;
    }

    /**
     * A required http(s) link, or an email address, bare or as a {@code mailto:} link (many jobs say "apply by
     * email"). An address is kept as {@code mailto:} and its display form, so every page can use it as a link.
     */
    public String linkOrAddress(String field, String value) {
        String v = line(field, value, 2000, true);
        if (v == null || errors.containsKey(field)) {
            return v;
        }
        boolean mailto = v.regionMatches(true, 0, "mailto:", 0, 7);
        if (mailto || (v.contains("@") && !v.contains("://"))) {
            String address = mailto ? v.substring(7) : v;
            // only the plain characters of an address: "?", "&", "=" and "%" in a mailto: link add headers (bcc=…, body=…)
            return keep(field, EmailAddress.parse(address).filter(a -> MAILTO_SAFE.matcher(a.display()).matches())
                    .map(a -> "mailto:" + a.display()).orElseGet(() -> {
                errors.put(field, "Enter a web address starting with https:// or an email address like jobs@example.org.");
                return v;
            }));
        }
        String link = link(field, v, true);
        if (errors.containsKey(field)) {
            errors.put(field, "Enter a web address starting with https:// or an email address like jobs@example.org.");
        }
        return link;
    }

    /** A required, mailable address, in its display form. */
    public String email(String field, String value) {
        String v = line(field, value, 320, true);
        if (v == null || errors.containsKey(field)) {
            return v;
        }
        return EmailAddress.parse(v).map(EmailAddress::display).orElseGet(() -> {
            errors.put(field, "Enter an email address like name@example.org.");
            return v;
        });
    }

    private String keep(String field, String v) {
        clean.put(field, v == null ? "" : v);
        return v;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Each broken field's message, in the order the fields were checked. */
    public Map<String, String> errors() {
        return errors;
    }

    /** The values as they should be shown back in the form. */
    public Map<String, String> values() {
        return clean;
    }

    /** Throws {@link Rejected} naming every field that broke its rule; nothing when all kept them. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
    }

    private static boolean bidiControl(int c) {
        // embeddings, overrides and isolates: they reorder what follows, so "\u202Egpj.exe" shows as "exe.jpg"
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
