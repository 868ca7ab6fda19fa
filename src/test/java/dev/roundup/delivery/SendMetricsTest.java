package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;


/** Which sends keep their per-issue series: the latest started, and every send still running. */
class SendMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Set<Long> running = new HashSet<>();
    private final SendMetrics metrics = new SendMetrics();

    @BeforeEach
    void wire() {
        metrics.registry = registry;
        metrics.running = running::contains;
    }

    @Test
    void theLeastRecentlyStartedSendGoesNotTheLowestIssue() {
        metrics.of(20);
        LongStream.rangeClosed(1, 9).forEach(metrics::of);
        metrics.of(20); // a retry of issue 20: now the latest started
        metrics.of(30);
        assertNull(sent(1), "issue 1 was the least recently started");
        assertNotNull(sent(20));
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 20L, 30L), metrics.kept());
    }

    @Test
    void aRunningSendKeepsItsCountersHoweverManyStartAfterIt() {
        Counter five = metrics.of(5).sent();
        running.add(5L);
        LongStream.rangeClosed(11, 30).forEach(metrics::of);
        five.increment();
        assertSame(five, sent(5), "the running send's counter is still the registered one");
        assertEquals(1.0, sent(5).count());
        assertEquals(SendMetrics.ISSUES_KEPT, metrics.kept().size());
        assertNull(sent(11));
        running.clear();
        metrics.of(31);
        assertNull(sent(5), "once it stopped running, it goes like any other");
    }

    @Test
    void oneBouncesMeterForTheSmtpStageAndTheMailbox() {
        metrics.of(1).bounced().increment();
        metrics.of(2).bounced().increment();
        assertEquals(2.0, registry.get("roundup.bounces").tags("kind", "hard", "source", "smtp").counter().count());
    }

    private Counter sent(long issue) {
        return registry.find("roundup.messages.sent").tag("issue", String.valueOf(issue)).counter();
    }
}
