package dev.roundup.mail;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.roundup.TextRules;

/**
 * A mail to send: one recipient, a subject, a plain-text and an HTML body (encoded for the wire), extra headers, and optionally its own
 * envelope sender (a VERP bounce address). Every value that goes into a header is made single-line here, so no text
 * from a user or a feed can add headers.
 */
public record Mail(String to, String toName, String subject, MailBody text, MailBody html, Map<String, String> headers,
        String returnPath) {

    public Mail {
        to = oneLine(to);
        toName = toName == null ? null : oneLine(toName);
        subject = oneLine(subject);
        Map<String, String> safe = new LinkedHashMap<>();
        headers.forEach((k, v) -> safe.put(oneLine(k).replace(":", ""), oneLine(v)));
        headers = Map.copyOf(safe);
        returnPath = returnPath == null ? null : oneLine(returnPath);
    }

    public static Mail of(String to, String toName, String subject, String text, String html) {
        return new Mail(to, toName, subject, MailBody.of(text), MailBody.of(html), Map.of(), null);
    }

    public Mail withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Mail(to, toName, subject, text, html, more, returnPath);
    }

    /** The same mail with bounces going to this envelope sender instead of the From address. */
    public Mail withReturnPath(String address) {
        return new Mail(to, toName, subject, text, html, headers, address);
    }

    /** Collapses CR, LF and other control characters into single spaces, by {@link TextRules#toOneLine}. */
    static String oneLine(String s) {
        return TextRules.toOneLine(s, Integer.MAX_VALUE);
    }
}
