package dev.roundup.feeds;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.util.NetUtil;

/**
 * Decides which addresses Roundup may connect to when it fetches a URL someone gave it (a feed, a link in an issue).
 * By default only public unicast addresses: never loopback, private, link-local (cloud metadata at 169.254.169.254),
 * carrier-grade NAT, multicast or unspecified, nor an IPv6 address that carries such an IPv4 address inside it.
 * Asked for the address actually connected to, on every redirect hop.
 */
@ApplicationScoped
public class AddressGuard {

    private final boolean allowPrivate;
    /** The allowed addresses as bytes (4 for IPv4, IPv4-mapped IPv6 included; 16 for IPv6): text forms vary. */
    private final List<byte[]> allowed;

    @Inject
    public AddressGuard(FeedsConfig config) {
        this(config.allowPrivateAddresses(), config.allowedAddresses().orElse(List.of()));
    }

    AddressGuard(boolean allowPrivate, List<String> allowedAddresses) {
        this.allowPrivate = allowPrivate;
        this.allowed = allowedAddresses.stream().map(String::strip).filter(s -> !s.isEmpty()).map(AddressGuard::literal).toList();
    }

    /** An allowed-list entry as address bytes; parsed as an IP literal, never looked up in DNS. */
    private static byte[] literal(String entry) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(entry);
        if (bytes == null) {
            throw new IllegalArgumentException("roundup.feeds.allowed-addresses: “" + entry + "” is not an IP address");
        }
        try {
            return InetAddress.getByAddress(bytes).getAddress(); // ::ffff:a.b.c.d becomes the IPv4 address, as the JDK hands it over
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException("roundup.feeds.allowed-addresses: “" + entry + "” is not an IP address");
        }
    }

    private boolean isAllowed(InetAddress address) {
        byte[] bytes = address.getAddress();
        return allowed.stream().anyMatch(a -> Arrays.equals(a, bytes));
    }

    /** Why this address is refused, or empty when Roundup may connect to it. */
    public Optional<String> refusal(InetAddress address) {
        if (isAllowed(address)) {
            return Optional.empty();
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isSiteLocalAddress() || isPrivateOther(address) || isLocalUseNat64(address)) {
            return Optional.of("a private address");
        }
        Optional<Inet4Address> inside = embeddedIpv4(address);
        if (inside.isPresent()) {
            // a gateway or the kernel may deliver these to the IPv4 address inside, so that address decides
            return refusal(inside.get()).map(reason -> reason + " (" + inside.get().getHostAddress() + " inside an IPv6 address)");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 address carries: IPv4-mapped {@code ::ffff:0:0/96} (the JDK usually hands these over as
     * IPv4 already), IPv4-compatible {@code ::/96}, IPv4-translated {@code ::ffff:0:0:0/96}, NAT64 {@code 64:ff9b::/96},
     * 6to4 {@code 2002::/16} and Teredo {@code 2001::/32} (the client's address, the last 32 bits inverted: a Teredo relay
     * delivers there).
     */
    static Optional<Inet4Address> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        int offset = -1;
        if (zeros(b, 0, 10) && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0))) {
            offset = 12; // ::ffff:a.b.c.d and ::a.b.c.d
        } else if (zeros(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0) {
            offset = 12; // ::ffff:0:a.b.c.d, IPv4-translated (RFC 2765)
        } else if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zeros(b, 4, 12)) {
            offset = 12; // 64:ff9b::a.b.c.d
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            offset = 2; // 2002:aabb:ccdd::/48
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
            try { // 2001:0:server:flags:port:client, the client's IPv4 address XOR 0xffffffff
                return Optional.of((Inet4Address) InetAddress.getByAddress(new byte[] { (byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15] }));
            } catch (UnknownHostException impossible) {
                return Optional.empty();
            }
        }
        if (offset < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(new byte[] { b[offset], b[offset + 1], b[offset + 2], b[offset + 3] }));
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * NAT64 local-use {@code 64:ff9b:1::/48} (RFC 8215): a site's own translator, whose IPv4 side may be private, and
     * whose prefix length (so where the IPv4 address sits) only that site knows; refused as a whole.
     */
    private static boolean isLocalUseNat64(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet6Address && b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && b[4] == 0 && b[5] == 1;
    }

    /** Ranges the JDK does not call site-local: carrier-grade NAT, IPv6 unique-local, benchmarking, reserved. */
    private static boolean isPrivateOther(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
    }
}
