package dev.roundup.subscribers;

import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * What counts as a subscriber's address: one mailbox, no display name, no control characters, a domain with a dot;
 * trimmed, with the domain lower-cased (the local part is the mailbox owner's business).
 */
public final class EmailAddress {

    private EmailAddress() {
    }

    /** The normalised address, or empty when it is not a usable address. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.isEmpty() || s.length() > 254 || s.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))
                || s.contains(",") || s.contains("<") || s.contains(">") || s.contains("\"")) {
            return Optional.empty();
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.indexOf('@') != at) {
            return Optional.empty();
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.length() > 64 || !domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.empty();
        }
        String normalized = local + "@" + domain;
        try {
            new InternetAddress(normalized, true).validate();
        } catch (AddressException e) {
            return Optional.empty();
        }
        return Optional.of(normalized);
    }
}
