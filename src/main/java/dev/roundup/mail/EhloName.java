package dev.roundup.mail;

import java.net.URI;
import java.util.Optional;

/**
 * The name Roundup greets the relay with (EHLO). Angus would say {@code localhost} or whatever the machine calls
 * itself, which spam filters score (SpamAssassin's HELO_LOCALHOST and FSL_HELO_NON_FQDN_1) when mail goes straight to
 * a reader's server. The rule: the setting when given, else the From address's domain, else the base URL's host,
 * each only when it is a dotted host name (not {@code localhost}, not an IP address).
 */
final class EhloName {

    private EhloName() {
    }

    static String choose(Optional<String> configured, String from, URI baseUrl) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return configured.get().strip();
        }
        String fromDomain = from == null ? null : from.substring(from.lastIndexOf('@') + 1).strip();
        if (qualified(fromDomain)) {
            return fromDomain.toLowerCase();
        }
        String host = baseUrl == null ? null : baseUrl.getHost();
        if (qualified(host)) {
            return host.toLowerCase();
        }
        return fromDomain == null || fromDomain.isEmpty() ? "localhost" : fromDomain.toLowerCase();
    }

    private static boolean qualified(String name) {
        return name != null && name.contains(".") && !name.toLowerCase().startsWith("localhost") && !name.endsWith(".") && !name.startsWith(".")
                && !name.matches("[0-9.]+") // an IP address is no name (EHLO would need it as a literal, [192.0.2.1])
                && name.chars().noneMatch(c -> Character.isWhitespace(c) || c == '>' || c == '<' || c == ':' || c == '[');
    }
}
