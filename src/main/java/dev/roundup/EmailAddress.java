package dev.roundup;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The one place that decides what an email address is and when two spellings are the same person. An address has
 * two forms: {@link #display()}, as the person typed it (trimmed, the domain in lower case), which is what we show and mail to, and
 * {@link #key()}, which identifies them: Unicode NFC, lower case, and the domain in its Unicode form whether it was
 * typed in Unicode or as punycode ({@code xn--}). {@code Lena.Schmidt@Example.DE} and {@code lena.schmidt@example.de}
 * are one key, as every mail service provider treats them. Sign-up, import, export, the editor, the API,
 * suppression, bounces, editor accounts and per-address limits all ask this class, never {@code toLowerCase}.
 *
 * <p>It lives in the root package because subscribers, listings, bounces and editor accounts all use it, and none
 * of those features may depend on another for it.
 */
public record EmailAddress(String display, String key) {

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;

    /** A mailable address (one mailbox, no display name or control characters, a domain with a dot), or empty. */
    public static Optional<EmailAddress> parse(String raw) {
        return parse(raw, true);
    }

    /**
     * A sign-in name of an editor: the same rules, except that the domain needs no dot, so the first editor can be
     * {@code admin@localhost} on a laptop.
     */
    public static Optional<EmailAddress> parseAccount(String raw) {
        return parse(raw, false);
    }

    /** The key of a mailable address, or empty when it is not one. */
    public static Optional<String> keyOf(String raw) {
        return parse(raw).map(EmailAddress::key);
    }

    /** Whether two spellings are the same address (false when either is not an address). */
    public static boolean sameAddress(String a, String b) {
        Optional<String> ka = keyOf(a);
        return ka.isPresent() && ka.equals(keyOf(b));
    }

    private static Optional<EmailAddress> parse(String raw, boolean needsDot) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.isEmpty() || s.length() > MAX_LENGTH || s.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))
                || s.contains(",") || s.contains("<") || s.contains(">") || s.contains("\"")) {
            return Optional.empty();
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.indexOf('@') != at) {
            return Optional.empty();
        }
        String local = s.substring(0, at);
        Optional<String> asciiDomain = asciiDomain(s.substring(at + 1));
        if (local.length() > MAX_LOCAL || asciiDomain.isEmpty() || (needsDot && !asciiDomain.get().contains("."))) {
            return Optional.empty();
        }
        try {
            // Jakarta Mail knows RFC 822 local parts; the domain is checked in its ASCII form, as it goes on the wire
            new InternetAddress(local + "@" + asciiDomain.get(), true).validate();
        } catch (AddressException e) {
            return Optional.empty();
        }
        String key = lower(local) + "@" + lower(IDN.toUnicode(asciiDomain.get(), IDN.ALLOW_UNASSIGNED));
        // the domain's case never mattered to anyone, so even the display form has it in lower case
        return Optional.of(new EmailAddress(local + "@" + s.substring(at + 1).toLowerCase(Locale.ROOT), key));
    }

    /** The domain as the DNS knows it (punycode, lower case), or empty when it is not a domain name. */
    private static Optional<String> asciiDomain(String domain) {
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.empty();
        }
        try {
            // IDNA maps case and compatibility forms, so EXAMPLE.de, xn--mnchen-3ya.de and München.de agree
            String ascii = IDN.toASCII(Normalizer.normalize(domain, Normalizer.Form.NFC), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return ascii.isEmpty() || ascii.length() > MAX_LENGTH ? Optional.empty() : Optional.of(ascii);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String lower(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return display;
    }
}
