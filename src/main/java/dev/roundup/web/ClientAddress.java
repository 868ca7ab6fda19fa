package dev.roundup.web;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which address a request came from, behind zero or more trusted proxies. Each proxy appends the address it received
 * the request from to {@code X-Forwarded-For}, so only the right end of the header is written by proxies we trust;
 * everything to its left is whatever the client sent. The client is therefore the rightmost address that is not a
 * trusted proxy, and a header from a peer that is not a trusted proxy is ignored. (Quarkus' own forwarding takes the
 * leftmost entry, the one a client chooses.)
 */
public final class ClientAddress {

    private final boolean forwarding;
    private final List<Range> trusted;

    /**
     * @param forwarding whether proxy headers are read at all ({@code quarkus.http.proxy.proxy-address-forwarding})
     * @param trustedProxies addresses and CIDR ranges ({@code quarkus.http.proxy.trusted-proxies}); when empty, the
     *        direct peer is taken to be the proxy, as Quarkus does
     */
    public ClientAddress(boolean forwarding, List<String> trustedProxies) {
        this.forwarding = forwarding;
        this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Range::parse)
                .flatMap(Optional::stream).toList();
    }

    /** The client's address, given the direct peer's address and the request's {@code X-Forwarded-For} header. */
    public String of(String peer, String forwardedFor) {
        if (!forwarding || forwardedFor == null || forwardedFor.isBlank() || peer == null) {
            return peer == null ? "unknown" : peer;
        }
        if (trusted.isEmpty()) {
            String[] entries = forwardedFor.split(",");
            return clean(entries[entries.length - 1]).orElse(peer);
        }
        if (!isTrusted(peer)) {
            return peer;
        }
        String client = peer;
        String[] entries = forwardedFor.split(",");
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

    boolean isTrusted(String address) {
        return literal(address).map(a -> trusted.stream().anyMatch(r -> r.contains(a))).orElse(false);
    }

    /** An entry as an address literal: port and brackets removed; empty when it is not an IP address. */
    private static Optional<String> clean(String entry) {
        String e = entry.strip();
        if (e.startsWith("[")) {
            int end = e.indexOf(']');
            e = end < 0 ? "" : e.substring(1, end);
        } else if (e.indexOf(':') > 0 && e.indexOf(':') == e.lastIndexOf(':')) {
            e = e.substring(0, e.indexOf(':')); // IPv4 with a port
        }
        String address = e;
        return literal(address).map(a -> address);
    }

    /** Parses an IP literal without ever asking DNS: anything with a letter other than hex digits is refused. */
    private static Optional<InetAddress> literal(String s) {
        if (s.isEmpty() || s.length() > 45 || !s.matches("[0-9A-Fa-f:.]+") || !(s.contains(".") || s.contains(":"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException | RuntimeException notAnAddress) {
            return Optional.empty();
        }
    }

    /** An address or a CIDR range of trusted proxies. */
    private record Range(byte[] network, int prefix) {
        static Optional<Range> parse(String s) {
            int slash = s.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? s : s.substring(0, slash));
            if (address.isEmpty()) {
                return Optional.empty(); // a host name: Quarkus resolves those, we do not (see docs/operations.md)
            }
            byte[] bytes = address.get().getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
            return Optional.of(new Range(bytes, prefix));
        }

        boolean contains(InetAddress address) {
            byte[] other = address.getAddress();
            if (other.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, network).and(mask).equals(new BigInteger(1, other).and(mask));
        }
    }
}
