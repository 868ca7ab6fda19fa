package dev.roundup.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** How long a failing feed waits before its next fetch, and what a success or a gone feed does to its health. */
class FeedBackOffTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofDays(1);

    @Test
    void eachFailureInARowDoublesTheWaitUpToTheMaximum() {
        Feed feed = new Feed();
        long[] hours = {1, 2, 4, 8, 16, 24, 24};
        for (long expected : hours) {
            feed.recordFailure(NOW, 500, "500 Internal Server Error", HOUR, DAY, null);
            assertEquals(NOW.plus(Duration.ofHours(expected)), feed.nextFetchAt, "after " + feed.consecutiveFailures + " failures");
        }
        assertEquals(hours.length, feed.consecutiveFailures);
        assertEquals("failing", feed.health());
    }

    @Test
    void aLongRunOfFailuresDoesNotOverflowTheWait() {
        Feed feed = new Feed();
        feed.consecutiveFailures = 200;
        feed.recordFailure(NOW, null, "timed out", HOUR, DAY, null);
        assertEquals(NOW.plus(DAY), feed.nextFetchAt);
    }

    @Test
    void aLongerRetryAfterIsHonouredButNeverBeyondTheMaximum() {
        Feed feed = new Feed();
        feed.recordFailure(NOW, 429, "429 Too Many Requests", HOUR, DAY, Duration.ofHours(3));
        assertEquals(NOW.plus(Duration.ofHours(3)), feed.nextFetchAt, "3 h asked, 1 h would be ours");
        feed.recordFailure(NOW, 429, "429 Too Many Requests", HOUR, DAY, Duration.ofMinutes(5));
        assertEquals(NOW.plus(Duration.ofHours(2)), feed.nextFetchAt, "a shorter Retry-After does not cut our back-off");
        feed.recordFailure(NOW, 503, "503 Service Unavailable", HOUR, DAY, Duration.ofDays(30));
        assertEquals(NOW.plus(DAY), feed.nextFetchAt, "30 days asked, the maximum is one");
    }

    @Test
    void aSuccessEndsTheBackOffAndForgetsTheError() {
        Feed feed = new Feed();
        feed.recordFailure(NOW, 500, "500", HOUR, DAY, null);
        feed.recordFailure(NOW, 500, "500", HOUR, DAY, null);
        feed.recordSuccess(NOW, 200, 3, 1, HOUR);
        assertEquals(0, feed.consecutiveFailures);
        assertNull(feed.lastError);
        assertEquals(NOW.plus(HOUR), feed.nextFetchAt);
        assertEquals(NOW, feed.lastSuccessAt);
        assertEquals(3, feed.lastNewPosts);
        assertEquals("ok", feed.health());
    }

    @Test
    void aVeryLongErrorIsCutToItsColumn() {
        Feed feed = new Feed();
        feed.recordFailure(NOW, 500, "x".repeat(5000), HOUR, DAY, null);
        assertEquals(1000, feed.lastError.length());
    }

    @Test
    void aFeedGoneForGoodIsDisabledWithTheReason() {
        Feed feed = new Feed();
        assertEquals("new", feed.health());
        feed.disable(NOW, 410, "410 Gone");
        assertFalse(feed.enabled);
        assertEquals("410 Gone", feed.disabledReason);
        assertEquals("disabled", feed.health());
        assertEquals(410, feed.lastStatus);
    }
}
