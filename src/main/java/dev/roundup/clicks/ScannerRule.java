package dev.roundup.clicks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The one rule that tells a mail scanner's fetch from a reader's click. Security gateways (Microsoft Defender,
 * Mimecast, Proofpoint…) fetch every link of a mail the moment it arrives, from their own networks. So a GET is a
 * scanner's when it came no later than {@code afterDelivery} after the issue's latest delivery and at least
 * {@code burst} GETs of this issue's links (itself included) came from its network within {@code burstWindow} of it.
 * A network is an IPv4 /24 or an IPv6 /48. HEAD requests never reach this rule: they are not counted at all.
 */
final class ScannerRule {

    private final int burst;
    private final Duration burstWindow;
    private final Duration afterDelivery;

    ScannerRule(int burst, Duration burstWindow, Duration afterDelivery) {
        this.burst = burst;
        this.burstWindow = burstWindow;
        this.afterDelivery = afterDelivery;
    }

    /** Whether {@code click} counts, given the GETs heard around it and the issue's latest delivery (empty: never delivered). */
    boolean counts(Heard click, Collection<Heard> around, Optional<Instant> lastDelivered) {
        if (lastDelivered.isEmpty()) {
            return false; // a draft's or a test send's links redirect, but only a sent issue has readers to count
        }
        if (click.at().isAfter(lastDelivered.get().plus(afterDelivery))) {
            return true;
        }
        long near = around.stream().filter(h -> h.issueId() == click.issueId() && h.network().equals(click.network()))
                .filter(h -> !h.at().isBefore(click.at().minus(burstWindow)) && !h.at().isAfter(click.at().plus(burstWindow))).count();
        return near < burst;
    }

    /** The network an address belongs to: its /24 for IPv4, its /48 for IPv6; the text itself when it is not an address. */
    static String network(String address) {
        if (address == null || !address.matches("[0-9A-Fa-f:.]+")) {
            return String.valueOf(address);
        }
        try {
            byte[] b = InetAddress.getByName(address).getAddress(); // a literal: no DNS is asked
            int keep = b.length == 4 ? 3 : 6;
            for (int i = keep; i < b.length; i++) {
                b[i] = 0;
            }
            return InetAddress.getByAddress(b).getHostAddress() + (b.length == 4 ? "/24" : "/48");
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }
}
