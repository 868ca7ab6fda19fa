package dev.roundup.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.roundup.mail.SmtpConfig;

/**
 * A place in a send's worker count is given back when its worker cannot be started, without an app: a pool whose
 * factory fails once still starts one worker per connection afterwards.
 */
class WorkerPlacesTest {

    static final long ISSUE = 4242;

    @Test
    void aWorkerThatCouldNotBeStartedGivesItsPlaceBack() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicInteger created = new AtomicInteger();
        WorkerPool pool = new WorkerPool();
        pool.smtp = (SmtpConfig) Proxy.newProxyInstance(SmtpConfig.class.getClassLoader(), new Class<?>[] { SmtpConfig.class },
                (proxy, method, args) -> method.getName().equals("connections") ? 2 : null);
        pool.factory = new DeliveryWorker.Factory() {
            @Override
            DeliveryWorker create(long issueId) {
                if (created.getAndIncrement() == 0) {
                    throw new IllegalStateException("the issue could not be rendered");
                }
                // a worker that lives until the test ends: it waits before it asks for its letters
                DeliveryWorkerTest.FakeQueue queue = new DeliveryWorkerTest.FakeQueue(List.of());
                return new DeliveryWorker(queue, new DeliveryWorkerTest.FakeConnection(java.util.Map.of()), () -> {
                    try {
                        stop.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("stopped by the test");
                }, () -> null, DeliveryWorkerTest.RULES, () -> { }, () -> true);
            }
        };
        try {
            try {
                pool.ensureWorkers(ISSUE);
            } catch (RuntimeException failedToStart) {
                // the old pool let it through; either way the next call must find the place free
            }
            pool.ensureWorkers(ISSUE);
            assertEquals(2, liveWorkers(), "both connections have a worker: the failed start kept no place");
        } finally {
            stop.countDown();
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> liveWorkers() == 0);
    }

    private static int liveWorkers() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("send-" + ISSUE + "-")).count();
    }
}
