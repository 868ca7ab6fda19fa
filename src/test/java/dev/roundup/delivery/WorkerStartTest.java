package dev.roundup.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Drafts;
import dev.roundup.testing.Sends;
import dev.roundup.testing.HandDriven;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Starting a send's workers is atomic: scheduler ticks and editors' resumes arriving at the same moment, from many
 * threads at once, start no more workers than there are connections.
 */
@QuarkusTest
@TestProfile(HandDriven.class)
class WorkerStartTest {

    static final int CONNECTIONS = HandDriven.CONNECTIONS;

    @Inject
    Drafts drafts;

    @Inject
    IssueSends sends;

    @Inject
    WorkerPool workers;

    @Test
    void ticksAndResumesAtTheSameMomentStartNoMoreWorkersThanConnections() throws Exception {
        Sends.subscribe("start", "start.example.org", 300);
        long issueId = drafts.create(LocalDate.of(2019, 6, 3), LocalDate.of(2019, 6, 10)).id;
        sends.start(issueId);
        int most = 0;
        for (int round = 0; round < 10; round++) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                boolean tick = t % 2 == 0;
                Thread caller = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (tick) {
                        workers.tick();
                    } else {
                        workers.ensureWorkers(issueId);
                    }
                });
                caller.start();
                callers.add(caller);
            }
            go.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
            int live = liveWorkers(issueId);
            most = Math.max(most, live);
            assertTrue(live >= 1, "round " + round + ": a worker runs");
            // pause, wait until this instance's workers have stopped, resume: the next round races a fresh start
            sends.pause(issueId, "between rounds");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> liveWorkers(issueId), equalTo(0));
            sends.resume(issueId);
        }
        sends.cancel(issueId);
        assertEquals(CONNECTIONS, most, "at most one worker per connection, and all of them");
    }

    /** The workers of this send alive in this JVM, counted by their threads rather than by the count being tested. */
    private static int liveWorkers(long issueId) {
        String prefix = "send-" + issueId + "-";
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
