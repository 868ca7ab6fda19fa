package dev.roundup.subscribers;

import static dev.roundup.subscribers.SubscriberStatus.BOUNCED;
import static dev.roundup.subscribers.SubscriberStatus.CONFIRMED;
import static dev.roundup.subscribers.SubscriberStatus.PENDING;
import static dev.roundup.subscribers.SubscriberStatus.SUPPRESSED;
import static dev.roundup.subscribers.SubscriberStatus.UNSUBSCRIBED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which change of a subscriber's standing their own action may make, without a running app. */
class SubscriberStatusTest {

    /** Every allowed change; every pair not named here must be refused. */
    static final Map<SubscriberStatus, Set<SubscriberStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(CONFIRMED, UNSUBSCRIBED, BOUNCED, SUPPRESSED),
            CONFIRMED, EnumSet.of(UNSUBSCRIBED, BOUNCED, SUPPRESSED),
            UNSUBSCRIBED, EnumSet.of(CONFIRMED, BOUNCED, SUPPRESSED),
            BOUNCED, EnumSet.noneOf(SubscriberStatus.class),
            SUPPRESSED, EnumSet.noneOf(SubscriberStatus.class));

    @Test
    void eachStandingMayChangeExactlyAsTheRuleSays() {
        for (SubscriberStatus from : SubscriberStatus.values()) {
            for (SubscriberStatus to : SubscriberStatus.values()) {
                assertEquals(ALLOWED.get(from).contains(to), from.canBecome(to), from + " → " + to);
            }
        }
    }

    @Test
    void aBouncedOrSuppressedAddressCannotComeBackOnItsOwn() {
        for (SubscriberStatus s : SubscriberStatus.values()) {
            assertFalse(BOUNCED.canBecome(s), "bounced → " + s);
            assertFalse(SUPPRESSED.canBecome(s), "suppressed → " + s);
        }
    }

    @Test
    void onlyTheConfirmedReceiveIssuesAndOnlyTheBouncedAndSuppressedGetNoMailAtAll() {
        assertEquals(EnumSet.of(CONFIRMED), only(SubscriberStatus::receivesIssues));
        assertEquals(EnumSet.of(PENDING, CONFIRMED, UNSUBSCRIBED), only(SubscriberStatus::mailable));
    }

    private static Set<SubscriberStatus> only(java.util.function.Predicate<SubscriberStatus> rule) {
        return EnumSet.copyOf(Arrays.stream(SubscriberStatus.values()).filter(rule).toList());
    }
}
