package dev.roundup.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.mail.SmtpConfig;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.IssueStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The delivery workers of this instance: every few seconds, starts scheduled issues that are due and makes sure each
 * running send has its connections' worth of {@link DeliveryWorker}s here, one per SMTP connection. After a crash or restart, running sends
 * simply pick up again; deliveries claimed by the dead process are sent once their lease runs out.
 */
@ApplicationScoped
public class WorkerPool {

    private static final Logger LOG = Logger.getLogger(WorkerPool.class);

    @Inject
    IssueSends sends;

    @Inject
    SmtpConfig smtp;

    @Inject
    SendConfig config;

    @Inject
    DeliveryWorker.Factory factory;

    @Inject
    Deliveries deliveries;

    private final Map<Long, AtomicInteger> active = new ConcurrentHashMap<>();
    private final Map<Long, RelayHealth> health = new ConcurrentHashMap<>();
    private final java.util.Set<Long> resumed = ConcurrentHashMap.newKeySet();
    private final java.util.Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile boolean stopping;

    @Scheduled(every = "{roundup.send.check-every}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        startDueScheduledIssues();
        for (Long issueId : sends.running()) {
            ensureWorkers(issueId);
        }
    }

    /**
     * Starts workers for a send now rather than at the next tick. Called at once by the scheduler's tick, an editor's
     * resume and others: a place is taken by a compare-and-set on the count before a worker starts, so together they
     * never start more workers than connections.
     */
    public void ensureWorkers(long issueId) {
        AtomicInteger count = active.computeIfAbsent(issueId, id -> new AtomicInteger());
        int connections = Math.max(1, smtp.connections());
        while (!stopping) {
            int running = count.get();
            if (running >= connections) {
                return;
            }
            if (!count.compareAndSet(running, running + 1)) {
                continue; // another caller took a place meanwhile: look again
            }
            DeliveryWorker worker = factory.create(issueId);
            Thread t = new Thread(() -> {
                try {
                    worker.run();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "A worker for issue %d stopped", issueId);
                } finally {
                    if (count.decrementAndGet() == 0) {
                        health.remove(issueId); // the send stopped here (paused, done): a resume starts afresh
                    }
                    threads.remove(Thread.currentThread());
                }
            }, "send-" + issueId + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void startDueScheduledIssues() {
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>list("status = ?1 and scheduledAt <= ?2",
                IssueStatus.SCHEDULED, Instant.now()).stream().map(i -> i.id).toList());
        for (Long id : due) {
            try {
                int recipients = sends.start(id);
                LOG.infof("Started the scheduled send of issue %d to %d subscribers", id, recipients);
            } catch (RuntimeException e) {
                LOG.warnf("Could not start the scheduled send of issue %d: %s", id, e.getMessage());
            }
        }
    }

    /**
     * How the relay is doing for this send, shared by its workers in this instance. A send that delivered something
     * already, or that an editor resumed, is past its start: a refusal is then a reader's (up to the cap).
     */
    RelayHealth health(long issueId) {
        return health.computeIfAbsent(issueId, id -> {
            RelayHealth h = new RelayHealth(new RelayHealth.Rules(config.refusalsAtStart(), config.busyAfter(), config.relayBackoff(),
                    config.relayBackoffMax()), System.nanoTime());
            if (resumed.remove(id) || deliveries.counts(id).get(DeliveryStatus.SENT) > 0) {
                h.pastTheStart();
            }
            return h;
        });
    }

    /**
     * An editor resumed the send: its workers here start with a fresh view of the relay. Refusals are no longer held
     * as at the start: were they the relay's, the editor would have fixed it; were they the readers', they bounce.
     */
    public void resumed(long issueId) {
        resumed.add(issueId);
        health.remove(issueId);
    }

    boolean stopping() {
        return stopping;
    }

    /** On shutdown, senders stop after their current message; what they claimed goes back to the queue. */
    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) throws InterruptedException {
        stopping = true;
        long deadline = System.currentTimeMillis() + 10_000;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    static Duration backoff(Duration first, int attempts) {
        return first.multipliedBy(1L << Math.min(attempts, 10));
    }
}
