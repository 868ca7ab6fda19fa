package dev.roundup.clicks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The rule that tells a mail scanner's fetches from readers' clicks. */
class ScannerRuleTest {

    static final Instant DELIVERED = Instant.parse("2030-03-04T08:00:00Z");
    final ScannerRule rule = new ScannerRule(3, Duration.ofSeconds(10), Duration.ofSeconds(60));

    static Heard get(String network, int secondsAfterDelivery) {
        return new Heard(7, "i1", network, DELIVERED.plusSeconds(secondsAfterDelivery));
    }

    @Test
    void aBurstFromOneNetworkRightAfterDeliveryIsAScanner() {
        List<Heard> burst = List.of(get("203.0.113.0/24", 2), get("203.0.113.0/24", 3), get("203.0.113.0/24", 4));
        burst.forEach(h -> assertFalse(rule.counts(h, burst, Optional.of(DELIVERED)), "every GET of the burst: " + h));
    }

    @Test
    void twoGetsFromOneNetworkAreReaders() {
        List<Heard> two = List.of(get("203.0.113.0/24", 2), get("203.0.113.0/24", 3));
        two.forEach(h -> assertTrue(rule.counts(h, two, Optional.of(DELIVERED))));
    }

    @Test
    void getsFromDifferentNetworksAreReadersEvenAtOnce() {
        List<Heard> many = List.of(get("203.0.113.0/24", 2), get("198.51.100.0/24", 2), get("192.0.2.0/24", 2));
        many.forEach(h -> assertTrue(rule.counts(h, many, Optional.of(DELIVERED))));
    }

    @Test
    void getsSpreadWiderThanTheBurstWindowAreReaders() {
        List<Heard> spread = List.of(get("203.0.113.0/24", 1), get("203.0.113.0/24", 20), get("203.0.113.0/24", 40));
        spread.forEach(h -> assertTrue(rule.counts(h, spread, Optional.of(DELIVERED))));
    }

    @Test
    void aBurstLongAfterDeliveryIsReaders() {
        List<Heard> office = List.of(get("203.0.113.0/24", 3600), get("203.0.113.0/24", 3601), get("203.0.113.0/24", 3602));
        office.forEach(h -> assertTrue(rule.counts(h, office, Optional.of(DELIVERED)), "an office behind one address, an hour later"));
    }

    @Test
    void anIssueNeverDeliveredCountsNothing() {
        List<Heard> one = List.of(get("203.0.113.0/24", 2));
        assertFalse(rule.counts(one.get(0), one, Optional.empty()), "a draft's or test send's link is followed, not counted");
    }

    @Test
    void aNetworkIsASlash24OrASlash48() {
        assertEquals("203.0.113.0/24", ScannerRule.network("203.0.113.77"));
        assertEquals("2001:db8:1:0:0:0:0:0/48", ScannerRule.network("2001:db8:1:ff::1"));
        assertEquals("unknown", ScannerRule.network("unknown"));
    }
}
