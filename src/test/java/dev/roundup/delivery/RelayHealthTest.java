package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.roundup.delivery.RelayHealth.Verdict;

/** The per-send relay rule: a run of refusals at the start, relay-wide 4xx, the hard-bounce cap. */
class RelayHealthTest {

    private static final long SECOND = 1_000_000_000L;
    private static final RelayHealth.Rules RULES = new RelayHealth.Rules(10, 5, Duration.ofSeconds(30), Duration.ofMinutes(10));

    @Test
    void theCapIsTheLargerOfTheShareAndTheMinimum() {
        assertEquals(50, RelayHealth.bounceCap(100, 2, 50));
        assertEquals(50, RelayHealth.bounceCap(2_500, 2, 50));
        assertEquals(200, RelayHealth.bounceCap(10_000, 2, 50));
        assertEquals(21, RelayHealth.bounceCap(1_001, 2, 0), "rounded up");
        assertEquals(3, RelayHealth.bounceCap(0, 2, 3));
    }

    @Test
    void refusalsBeforeAnythingIsDeliveredAreHeldThenPauseTheSend() {
        RelayHealth health = new RelayHealth(RULES, 0);
        for (int i = 1; i < 10; i++) {
            assertEquals(Verdict.HOLD, health.refused(), "refusal " + i + " at the start is held, not bounced");
        }
        assertEquals(Verdict.PAUSE, health.refused(), "the tenth in a row: the relay refuses everyone");
    }

    @Test
    void onceSomethingWasDeliveredARefusalIsTheReaders() {
        RelayHealth health = new RelayHealth(RULES, 0);
        assertEquals(Verdict.HOLD, health.refused());
        health.delivered();
        for (int i = 0; i < 20; i++) {
            assertEquals(Verdict.READER, health.refused());
        }
    }

    @Test
    void aSendPastItsStartBouncesAtOnce() {
        RelayHealth health = new RelayHealth(RULES, 0);
        health.pastTheStart(); // delivered before, or resumed by an editor
        assertEquals(Verdict.READER, health.refused());
    }

    @Test
    void aFourXxForOneReaderAmidSuccessesIsTheirs() {
        RelayHealth health = new RelayHealth(RULES, 0);
        for (long reader = 1; reader <= 50; reader++) {
            if (reader % 3 == 0) {
                assertEquals(Verdict.READER, health.temporary(reader, true, reader * SECOND).verdict());
            } else {
                health.delivered();
            }
        }
        assertEquals(0, health.backoffNanos(60 * SECOND));
        assertEquals(0, health.paceSlot(60 * SECOND));
    }

    @Test
    void fourXxForManyReadersInARowIsTheRelaysAndTheirAttemptsAreGivenBack() {
        RelayHealth health = new RelayHealth(RULES, 0);
        for (int i = 0; i < 100; i++) {
            health.delivered(); // 100 in the first 10 s: 10 a second
        }
        long now = 10 * SECOND;
        for (long reader = 1; reader <= 4; reader++) {
            assertEquals(Verdict.READER, health.temporary(reader, true, now).verdict());
        }
        RelayHealth.Temporary fifth = health.temporary(5, true, now);
        assertEquals(Verdict.BUSY, fifth.verdict());
        assertEquals(List.of(1L, 2L, 3L, 4L), fifth.refund(), "the four counted before it was clear get their attempt back");
        assertEquals(30 * SECOND, health.backoffNanos(now), "the whole send backs off");
        assertEquals(Verdict.BUSY, health.temporary(6, true, now + SECOND).verdict(), "busy until something is delivered");
        assertEquals(List.of(), health.temporary(7, true, now + SECOND).refund());
        assertEquals(200_000_000L, health.paceNanos(), "half the pace it had: 5 a second");
    }

    @Test
    void theBackOffDoublesWithEachBusySpellUpToTheCeiling() {
        RelayHealth health = new RelayHealth(RULES, 0);
        long now = 0;
        long[] expected = {30, 60, 120, 240, 480, 600, 600};
        for (long seconds : expected) {
            health.temporary(1, false, now);
            assertEquals(seconds * SECOND, health.backoffNanos(now));
            now += seconds * SECOND;
            assertEquals(0, health.backoffNanos(now));
            health.delivered(); // one got through, then the relay is busy again
        }
    }

    @Test
    void aFourXxThatIsNotAboutAReaderMakesTheRelayBusyAtOnce() {
        RelayHealth health = new RelayHealth(RULES, 0);
        health.delivered();
        assertEquals(Verdict.READER, health.temporary(1, true, 0).verdict());
        RelayHealth.Temporary closing = health.temporary(2, false, 0);
        assertEquals(Verdict.BUSY, closing.verdict());
        assertEquals(List.of(1L), closing.refund());
    }

    @Test
    void aSlowedSendGoesBackToFullPaceAfterACleanRun() {
        RelayHealth health = new RelayHealth(RULES, 0);
        health.temporary(1, false, 0);
        assertTrue(health.paceNanos() > 0);
        long now = 31 * SECOND;
        assertEquals(0, health.paceSlot(now), "the first slot is now");
        assertEquals(health.paceNanos(), health.paceSlot(now), "the next one a pace later");
        for (int i = 0; i < RelayHealth.CLEAN_RUN; i++) {
            health.delivered();
        }
        assertEquals(0, health.paceNanos());
        assertEquals(0, health.paceSlot(now));
    }
}
