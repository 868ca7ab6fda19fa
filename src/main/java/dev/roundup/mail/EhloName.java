package dev.roundup.mail;

import java.net.IDN;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name Roundup greets the relay with (EHLO). Angus would say {@code localhost} or whatever the machine calls
 * itself, which spam filters score (SpamAssassin's HELO_LOCALHOST and FSL_HELO_NON_FQDN_1) when mail goes straight to
 * a reader's server. The rule: the setting when given, else the From address's domain, else the base URL's host,
 * each only when it is a dotted host name (not {@code localhost}, not an IP address). The name goes on the wire in
 * ASCII (an IDN domain as its {@code xn--} form), and a setting that is no host name nor an address literal is refused,
 * since it would be written into the SMTP command as it is.
 */
final class EhloName {

    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[(?:[0-9.]+|IPv6:[0-9a-fA-F:.]+)\\]");

    private EhloName() {
    }

    static String choose(Optional<String> configured, String from, URI baseUrl) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            String name = configured.get().strip();
            if (ADDRESS_LITERAL.matcher(name).matches()) {
                return name;
            }
            String ascii = ascii(name);
            if (ascii == null) {
                throw new IllegalArgumentException("roundup.smtp.ehlo-name must be a host name (mail.example.org) or an address literal"
                        + " ([192.0.2.1]); it is '" + name.replaceAll("\\p{Cntrl}", "?") + "'");
            }
            return ascii;
        }
        String fromDomain = from == null ? null : from.substring(from.lastIndexOf('@') + 1).strip();
        if (qualified(fromDomain) && ascii(fromDomain) != null) {
            return ascii(fromDomain);
        }
        String host = baseUrl == null ? null : baseUrl.getHost();
        if (qualified(host) && ascii(host) != null) {
            return ascii(host);
        }
        return fromDomain == null || ascii(fromDomain) == null ? "localhost" : ascii(fromDomain);
    }

    /** The name in ASCII, lower case, or null when it is no host name. */
    private static String ascii(String name) {
        try {
            String ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return !ascii.isEmpty() && ascii.length() <= 253 && HOST.matcher(ascii).matches() ? ascii : null;
        } catch (IllegalArgumentException notAName) {
            return null;
        }
    }

    private static boolean qualified(String name) {
        return name != null && name.contains(".") && !name.toLowerCase().startsWith("localhost") && !name.endsWith(".") && !name.startsWith(".")
                && !name.matches("[0-9.]+") // an IP address is no name (EHLO would need it as a literal, [192.0.2.1])
                && name.chars().noneMatch(c -> Character.isWhitespace(c) || c == '>' || c == '<' || c == ':' || c == '[');
    }
}
