package dev.roundup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The limiter's counters are bounded and expire, and a flood of made-up keys never resets a lockout. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aFloodOfMadeUpKeysDoesNotResetALockedOutKey() {
        int bound = 10_000;
        RateLimiter limiter = new RateLimiter(bound, now::get);
        limiter.warmUp();
        for (int i = 0; i < 10; i++) {
            limiter.record("sign-in-account:victim@example.org");
        }
        assertEquals(10, limiter.recent("sign-in-account:victim@example.org", Duration.ofMinutes(15)));

        for (int i = 0; i < 3 * bound; i++) {
            limiter.record("sign-in-account:made-up-" + i + "@example.org");
        }
        assertEquals(10, limiter.recent("sign-in-account:victim@example.org", Duration.ofMinutes(15)),
                "the victim's lockout survived " + 3 * bound + " one-shot keys");
        // and the bound holds: most made-up keys are gone
        int kept = 0;
        for (int i = 0; i < 3 * bound; i++) {
            kept += limiter.recent("sign-in-account:made-up-" + i + "@example.org", Duration.ofMinutes(15));
        }
        assertTrue(kept <= bound, "at most " + bound + " keys kept, found " + kept);
    }

    @Test
    void attemptsCountWithinTheirWindowOnly() {
        RateLimiter limiter = new RateLimiter(1_000, now::get);
        assertTrue(limiter.allow("signup:1.2.3.4", 2, Duration.ofHours(1)));
        assertTrue(limiter.allow("signup:1.2.3.4", 2, Duration.ofHours(1)));
        assertFalse(limiter.allow("signup:1.2.3.4", 2, Duration.ofHours(1)));
        now.addAndGet(Duration.ofMinutes(61).toNanos());
        assertTrue(limiter.allow("signup:1.2.3.4", 2, Duration.ofHours(1)), "an hour later the allowance is back");
    }

    @Test
    void aReservedAttemptCanBeTakenBack() {
        RateLimiter limiter = new RateLimiter(1_000, now::get);
        assertTrue(limiter.allow("k", 1, Duration.ofHours(1)));
        limiter.takeBack("k");
        assertEquals(0, limiter.recent("k", Duration.ofHours(1)));
        assertTrue(limiter.allow("k", 1, Duration.ofHours(1)));
        assertFalse(limiter.allow("k", 1, Duration.ofHours(1)));
    }

    @Test
    void countersExpireAfterADay() {
        RateLimiter limiter = new RateLimiter(1_000, now::get);
        limiter.record("k");
        now.addAndGet(Duration.ofDays(2).toNanos());
        assertEquals(0, limiter.recent("k", Duration.ofDays(3)));
    }
}
