package dev.roundup.listings;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.roundup.EmailAddress;

/**
 * The one place that says what a submitted field may contain: required fields present, one-line fields on one line,
 * descriptions plain text of bounded length (line breaks kept), links absolute http(s), addresses real addresses, and
 * where to apply for a job either a link or an address (kept as a {@code mailto:} link).
 * Collects an error per field and the cleaned values. Also the rule of a suggested link's fields ({@code suggestions}).
 */
public final class ListingRules {

    /** What an apply-by-email address may hold, so that its {@code mailto:} link names one recipient and nothing else. */
    private static final java.util.regex.Pattern MAILTO_SAFE = java.util.regex.Pattern.compile("[\\p{L}\\p{N}._+'-]+@[\\p{L}\\p{N}.-]+");

    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, String> clean = new LinkedHashMap<>();

    public String line(String field, String value, int max, boolean required) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            if (required) {
                errors.put(field, "This field is required.");
            }
            return keep(field, null);
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "Keep this on one line.");
        } else if (v.length() > max) {
            errors.put(field, "At most " + max + " characters (this has " + v.length() + ").");
        }
        return keep(field, v);
    }

    public String text(String field, String value, int max) {
        String v = value == null ? "" : value.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (v.isEmpty()) {
            errors.put(field, "This field is required.");
            return keep(field, null);
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            errors.put(field, "Only plain text, please.");
        } else if (v.length() > max) {
            errors.put(field, "At most " + max + " characters (this has " + v.length() + ").");
        }
        return keep(field, v);
    }

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
     * Where to apply: an http(s) link, or an email address, bare or as a {@code mailto:} link (many jobs say "apply by
     * email"). An address is kept as {@code mailto:} and its display form, so every page can use it as a link.
     */
    String applyTo(String field, String value) {
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

    public Map<String, String> errors() {
        return errors;
    }

    /** The submitted values as they should be shown back in the form. */
    public Map<String, String> values() {
        return clean;
    }
}
