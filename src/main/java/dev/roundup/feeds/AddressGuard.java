package dev.roundup.feeds;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Decides which addresses Roundup may connect to when it fetches a URL someone gave it (a feed, a link in an issue).
 * By default only public unicast addresses: never loopback, private, link-local (cloud metadata at 169.254.169.254),
 * carrier-grade NAT, multicast or unspecified. Asked for the address actually connected to, on every redirect hop.
 */
@ApplicationScoped
public class AddressGuard {

    private final boolean allowPrivate;
    private final Set<String> allowed;

    @Inject
    public AddressGuard(FeedsConfig config) {
        this(config.allowPrivateAddresses(), config.allowedAddresses().orElse(List.of()));
    }

    AddressGuard(boolean allowPrivate, List<String> allowedAddresses) {
        this.allowPrivate = allowPrivate;
        this.allowed = allowedAddresses.stream().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Why this address is refused, or empty when Roundup may connect to it. */
    public Optional<String> refusal(InetAddress address) {
        if (allowed.contains(address.getHostAddress())) {
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
        if (address.isSiteLocalAddress() || isPrivateOther(address)) {
            return Optional.of("a private address");
        }
        return Optional.empty();
    }

    /** Ranges the JDK does not call site-local: carrier-grade NAT, IPv6 unique-local, IPv4-mapped private, benchmarking. */
    private static boolean isPrivateOther(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    InetAddress v4 = InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
                    return v4.isLoopbackAddress() || v4.isSiteLocalAddress() || v4.isLinkLocalAddress() || isPrivateOther(v4);
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }
}
