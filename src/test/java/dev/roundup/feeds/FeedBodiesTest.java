package dev.roundup.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** How many feed bodies may be in memory at once, and what waiting for a place looks like. */
class FeedBodiesTest {

    static final long MB = 1024 * 1024;

    @Test
    void asManyAsHalfTheHeapHoldsAtFourTimesTheLargestBody() {
        assertEquals(2, FeedBodies.fitting(185 * MB, 10 * MB), "-Xmx192m, the README's small VPS");
        assertEquals(12, FeedBodies.fitting(1024 * MB, 10 * MB));
        assertEquals(1, FeedBodies.fitting(64 * MB, 10 * MB), "at least one, however small the heap");
        assertEquals(1000, FeedBodies.fitting(Long.MAX_VALUE, 1), "bounded");
    }

    @Test
    void aPlaceIsGivenBackOnceAndAnEditorWaitsOnlySoLong() throws Exception {
        FeedBodies bodies = new FeedBodies(1);
        FeedBodies.Place first = bodies.take(Duration.ofMillis(10));
        FetchFailure busy = assertThrows(FetchFailure.class, () -> bodies.take(Duration.ofMillis(50)));
        assertTrue(busy.getMessage().contains("already reading 1 feeds at once"), busy.getMessage());
        first.close();
        first.close(); // twice: still one place, not two
        FeedBodies.Place second = bodies.take(Duration.ofMillis(10));
        assertThrows(FetchFailure.class, () -> bodies.take(Duration.ofMillis(10)));
        second.close();
    }
}
