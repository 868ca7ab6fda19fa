package dev.roundup.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.netty.util.NetUtil;

/**
 * Which address a request came from, behind zero or more trusted proxies. Each proxy appends the address it received
 * the request from to {@code X-Forwarded-For}, so only the right end of the header is written by proxies we trust;
 * everything to its left is whatever the client sent. The client is therefore the rightmost address that is not a
 * trusted proxy, and a header from a peer that is not a trusted proxy is ignored. (Quarkus' own forwarding takes the
 * leftmost entry, the one a client chooses.)
 * <p>
 * Addresses are parsed as literals only, never looked up in DNS, and given back in canonical form (IPv6 as RFC 5952
 * writes it, an IPv4-mapped IPv6 address as plain IPv4), so one client is one string.
 */
public final class ClientAddress {

    private final boolean forwarding;
    private final List<Range> trusted;

    /**
     * @param forwarding whether proxy headers are read at all ({@code quarkus.http.proxy.proxy-address-forwarding})
     * @param trustedProxies IP addresses and CIDR ranges ({@code quarkus.http.proxy.trusted-proxies}); when empty, the
     *        direct peer is taken to be the proxy, as Quarkus does
     * @throws IllegalArgumentException naming the first entry that is not an IP address or a CIDR range (a host name,
     *         a port, a prefix out of range): a list read wrongly must stop the start, never trust the wrong peers
     */
    public ClientAddress(boolean forwarding, List<String> trustedProxies) {
        this.forwarding = forwarding;
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.strip()));
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The client's address, given the direct peer's address and the request's {@code X-Forwarded-For} header(s). */
    public String of(String peer, String forwardedFor) {
        String direct = peer == null ? null : literal(peer).map(ClientAddress::canonical).orElse(peer);
        if (!forwarding || forwardedFor == null || forwardedFor.isBlank() || direct == null) {
            return direct == null ? "unknown" : direct;
        }
        String[] entries = forwardedFor.split(",");
        if (trusted.isEmpty()) {
            return clean(entries[entries.length - 1]).orElse(direct);
        }
        if (!isTrusted(direct)) {
            return direct;
        }
        String client = direct;
        for (int i = entries.length - 1; i >= 0; i--) {
            Optional<String> entry = clean(entries[i]);
            if (entry.isEmpty()) {
                return client; // garbage left of the proxies' part: the last address a trusted proxy vouched for
            }
            client = entry.get();
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    /**
     * The key a per-address limit counts under: an IPv4 address as it is, an IPv6 address by its /64, since one host
     * is usually given a whole /64 and can rotate through it.
     */
    public static String limitKey(String address) {
        Optional<byte[]> bytes = literal(address);
        if (bytes.isEmpty() || bytes.get().length == 4) {
            return address;
        }
        byte[] network = bytes.get().clone();
        for (int i = 8; i < 16; i++) {
            network[i] = 0;
        }
        return NetUtil.bytesToIpAddress(network) + "/64";
    }

    boolean isTrusted(String address) {
        return literal(address).map(a -> trusted.stream().anyMatch(r -> r.contains(a))).orElse(false);
    }

    /** An entry as a canonical address literal, port and brackets removed; empty when it is not an IP address. */
    private static Optional<String> clean(String entry) {
        String e = entry.strip();
        if (e.startsWith("[")) {
            int end = e.indexOf(']');
            e = end < 0 ? "" : e.substring(1, end);
        } else if (e.indexOf(':') > 0 && e.indexOf(':') == e.lastIndexOf(':')) {
            e = e.substring(0, e.indexOf(':')); // IPv4 with a port
        }
        return literal(e).map(ClientAddress::canonical);
    }

    /** The bytes of an IP literal (4 or 16, an IPv4-mapped IPv6 address as its 4); never asks DNS. */
    static Optional<byte[]> literal(String s) {
        if (s == null || !(NetUtil.isValidIpV4Address(s) || NetUtil.isValidIpV6Address(s)) || s.indexOf('%') >= 0) {
            return Optional.empty(); // a zone (%eth0) names an interface of ours, not a client
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(s);
        if (bytes == null) {
            return Optional.empty();
        }
        if (bytes.length == 16 && isIpV4Mapped(bytes)) {
            return Optional.of(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
        }
        return Optional.of(bytes);
    }

    private static boolean isIpV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static String canonical(byte[] bytes) {
        return NetUtil.bytesToIpAddress(bytes);
    }

    /** An address or a CIDR range of trusted proxies. */
    private record Range(byte[] network, int prefix) {
        static Range parse(String s) {
            int slash = s.indexOf('/');
            String address = slash < 0 ? s : s.substring(0, slash);
            byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException(
                    "quarkus.http.proxy.trusted-proxies: \"" + s + "\" is not an IP address or a CIDR range. "
                            + "Give proxies by IP address (10.0.0.5, ::1) or range (10.0.0.0/8), without a port; "
                            + "host names are not resolved."));
            int bits = bytes.length * 8;
            if (slash < 0) {
                return new Range(bytes, bits);
            }
            String digits = s.substring(slash + 1);
            int prefix = digits.matches("[0-9]{1,3}") ? Integer.parseInt(digits) : -1;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("quarkus.http.proxy.trusted-proxies: \"" + s
                        + "\" has a prefix length that is not a whole number from 0 to " + bits + ".");
            }
            return new Range(bytes, prefix);
        }

        boolean contains(byte[] other) {
            if (other.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (network[i] != other[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (network[whole] & mask) == (other[whole] & mask);
        }
    }
}
