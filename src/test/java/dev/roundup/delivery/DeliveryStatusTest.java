package dev.roundup.delivery;

import static dev.roundup.delivery.DeliveryStatus.CLAIMED;
import static dev.roundup.delivery.DeliveryStatus.FAILED;
import static dev.roundup.delivery.DeliveryStatus.PENDING;
import static dev.roundup.delivery.DeliveryStatus.SENT;
import static dev.roundup.delivery.DeliveryStatus.SKIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

/** Which change of a delivery's status is allowed: the rule itself, and the condition the updates carry. */
class DeliveryStatusTest {

    @Test
    void sentIsFinal() {
        for (DeliveryStatus s : DeliveryStatus.values()) {
            assertFalse(SENT.canBecome(s), "a sent delivery never becomes " + s + ": no second copy, no bounce for a reader who got it");
        }
    }

    @Test
    void aMarkOfAMessageThatWentOutWinsOverAnythingButSent() {
        assertEquals(EnumSet.of(PENDING, CLAIMED, FAILED, SKIPPED), SENT.from());
    }

    @Test
    void aDeliveryInTheQueueIsClaimedRetriedFailedOrSkipped() {
        for (DeliveryStatus next : EnumSet.of(PENDING, CLAIMED, SENT, FAILED, SKIPPED)) {
            assertTrue(PENDING.canBecome(next), "pending → " + next);
            assertTrue(CLAIMED.canBecome(next), "claimed → " + next);
        }
    }

    @Test
    void onlyAFailedDeliveryGoesBackToTheQueueOnceItIsOutOfIt() {
        assertTrue(FAILED.canBecome(PENDING), "an editor retries it");
        assertFalse(SKIPPED.canBecome(PENDING), "the reader left");
        assertFalse(FAILED.canBecome(CLAIMED), "it is pending first");
        assertEquals(EnumSet.of(PENDING, CLAIMED, FAILED), PENDING.from());
    }

    @Test
    void updatesCarryTheRuleAsACondition() {
        assertEquals("status in ('PENDING', 'CLAIMED')", FAILED.mayBecomeSql());
        assertEquals("status in ('PENDING', 'CLAIMED', 'FAILED', 'SKIPPED')", SENT.mayBecomeSql());
        assertEquals("'SENT'", SENT.sql());
    }
}
