package dev.roundup.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import dev.roundup.mail.MailConnection;
import dev.roundup.mail.MailResult;
import dev.roundup.mail.Mailer;
import dev.roundup.mail.SmtpOutcome;

/**
 * One connection's worth of sending: claims a batch from its {@link DeliveryQueue}, sends each reader's copy on its
 * {@link MailConnection} (from {@code mail/}), tells the queue right after the server's 250, and acts on each failure
 * as {@link SmtpOutcome} classifies it and the send's {@link RelayHealth} judges it: a reader's refusal bounces or
 * retries that reader, the relay's pauses or slows the send and counts against nobody. It depends on those two
 * interfaces and plain values only, so it is tested with two fakes. Holds one batch in memory, never more.
 */
public final class DeliveryWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** How often a worker looks up whether its send still runs and who of its batch has left meanwhile. */
    private static final Duration CHECK_EVERY = Duration.ofMillis(200);

    /** The settings a worker acts by. */
    record Rules(int maxAttempts, Duration retryBackoff, int refusalsAtStart, Duration outageWindow) {
        static Rules of(SendConfig config) {
            return new Rules(config.maxAttempts(), config.retryBackoff(), config.refusalsAtStart(), config.outageWindow());
        }
    }

    /** Waits for the next slot of the instance's rate ({@link RateGate}). */
    interface Pace {
        void await() throws InterruptedException;
    }

    /** Makes workers with everything they need. */
    @ApplicationScoped
    public static class Factory {
        @Inject
        DatabaseQueue.Parts queues;
        @Inject
        Letters letters;
        @Inject
        Mailer mailer;
        @Inject
        WorkerPool workers;
        @Inject
        RateGate rate;
        @Inject
        SendConfig config;

        DeliveryWorker create(long issueId) {
            // the issue is rendered and the relay's health looked up on the worker's thread, when it starts
            return new DeliveryWorker(queues.open(issueId), mailer.connect(), () -> letters.of(issueId),
                    () -> workers.health(issueId), Rules.of(config), rate::acquire, workers::stopping);
        }
    }

    private final DeliveryQueue queue;
    private final MailConnection connection;
    private final Supplier<Letters.Composer> letters;
    private final Supplier<RelayHealth> healthOfTheSend;
    private final Rules rules;
    private final Pace pace;
    private final BooleanSupplier stopping;
    private Letters.Composer composer;
    private RelayHealth health;
    private Instant outageSince;

    DeliveryWorker(DeliveryQueue queue, MailConnection connection, Supplier<Letters.Composer> letters, Supplier<RelayHealth> health, Rules rules,
            Pace pace, BooleanSupplier stopping) {
        this.queue = queue;
        this.connection = connection;
        this.letters = letters;
        this.healthOfTheSend = health;
        this.rules = rules;
        this.pace = pace;
        this.stopping = stopping;
    }

    @Override
    public void run() {
        try {
            composer = letters.get();
            health = healthOfTheSend.get();
            while (!stopping.getAsBoolean() && queue.running()) {
                List<Deliveries.Claimed> batch = queue.claim();
                if (batch.isEmpty()) {
                    queue.finishIfDone();
                    sleep(Duration.ofSeconds(1));
                    continue;
                }
                boolean goOn;
                try {
                    goOn = sendBatch(batch);
                } finally {
                    queue.release();
                }
                if (!goOn) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                queue.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connection.close();
            }
        }
    }

    /** Sends a batch; false when the send was paused by this worker and it should stop. */
    private boolean sendBatch(List<Deliveries.Claimed> batch) throws InterruptedException {
        Set<Long> receiving = queue.stillReceiving(batch);
        long checkedAt = System.nanoTime();
        for (int i = 0; i < batch.size(); i++) {
            long now = System.nanoTime();
            if (now - checkedAt > CHECK_EVERY.toNanos()) {
                if (!queue.running()) {
                    return true; // paused or cancelled: the rest of the batch goes back
                }
                receiving = queue.stillReceiving(batch.subList(i, batch.size()));
                checkedAt = now;
            }
            if (!queue.holds(batch, i)) {
                return true; // taken over: what is left of the batch is another worker's now
            }
            long backoff = health.backoffNanos(now);
            if (backoff > 0) {
                sleepNanos(Math.min(backoff, CHECK_EVERY.toNanos())); // the relay is busy: wait in steps, still watching the send
                i--;
                continue;
            }
            Deliveries.Claimed reader = batch.get(i);
            if (!receiving.contains(reader.subscriberId())) {
                queue.skipped(reader, "no longer subscribed when their turn came");
                continue;
            }
            long slot = health.paceSlot(System.nanoTime());
            if (slot > 0) {
                sleepNanos(slot); // slowed down since the relay was busy
            }
            pace.await();
            if (!queue.holds(batch, i)) {
                return true;
            }
            MailResult result = connection.send(composer.compose(reader));
            if (result.delivered()) {
                queue.sent(reader, result.messageId());
                health.delivered();
                outageSince = null;
            } else if (!failed(reader, result)) {
                return false;
            }
        }
        return true;
    }

    /** Acts on a refusal or an outage; false when the send was paused and this worker should stop. */
    private boolean failed(Deliveries.Claimed reader, MailResult failure) throws InterruptedException {
        String reply = failure.reply();
        switch (failure.outcome()) {
            case AUTH_FAILED -> {
                queue.retryLater(reader, Instant.now(), reply, false);
                queue.pause("The SMTP server refused Roundup's credentials (" + reply + "). Nobody was bounced. "
                        + "Fix roundup.smtp.username/password, then resume.");
                return false;
            }
            case RELAY_REFUSED -> {
                queue.retryLater(reader, Instant.now(), reply, false);
                queue.pause("The SMTP relay refuses to send for Roundup (" + reply + "). Nobody was bounced. Fix the relay, then resume.");
                return false;
            }
            case MESSAGE_REFUSED -> {
                // refused the content, not this reader: bouncing everyone would empty the list
                queue.retryLater(reader, Instant.now(), reply, false);
                queue.pause("The SMTP server refused the message itself (" + reply + "). Check the relay and the issue, then resume.");
                return false;
            }
            case RECIPIENT_REFUSED -> {
                return refused(reader, reply);
            }
            case TEMPORARY -> {
                temporary(reader, failure);
                return true;
            }
            case UNSENDABLE -> {
                queue.failed(reader, "could not compose the message: " + reply);
                return true;
            }
            default -> {
                return outage(reader, reply);
            }
        }
    }

    /** A 5xx to this reader's RCPT: a hard bounce, unless the relay rule or the cap says a human should look first. */
    private boolean refused(Deliveries.Claimed reader, String reply) {
        switch (health.refused()) {
            case HOLD -> {
                queue.retryLater(reader, Instant.now(), reply, false); // decided once something got through
                return true;
            }
            case PAUSE -> {
                queue.retryLater(reader, Instant.now(), reply, false);
                queue.pause("The first " + rules.refusalsAtStart() + " readers tried were all refused before anything was delivered (last: "
                        + reply + "): that is the relay, not them. Nobody was bounced. Fix the relay, then resume.");
                return false;
            }
            default -> {
                if (!queue.bounce(reader, reply)) {
                    queue.pause("This send has hard-bounced " + queue.bounced() + " readers, as many as it may without a human "
                            + "(roundup.send.bounce-cap-percent, -minimum; last: " + reply + "). Check the delivery log; resume to allow as many again.");
                    return false;
                }
                return true;
            }
        }
    }

    /** A 4xx: the reader's own (counted, as many as max-attempts), or the relay's (uncounted; the send backs off). */
    private void temporary(Deliveries.Claimed reader, MailResult failure) {
        RelayHealth.Temporary verdict = health.temporary(reader.subscriberId(), failure.atRecipient(), System.nanoTime());
        if (verdict.verdict() == RelayHealth.Verdict.BUSY) {
            if (!verdict.refund().isEmpty()) {
                LOG.infof("The SMTP relay is busy (%s): backing off, attempts not counted", failure.reply());
                queue.refund(verdict.refund(), Instant.now());
            }
            connection.close(); // reconnect after the back-off rather than keep a busy relay's connection idle
            queue.retryLater(reader, Instant.now().plusNanos(health.backoffNanos(System.nanoTime())), failure.reply(), false);
        } else if (reader.attempts() + 1 >= rules.maxAttempts()) {
            queue.failed(reader, "still refused after " + (reader.attempts() + 1) + " attempts: " + failure.reply());
        } else {
            queue.retryLater(reader, Instant.now().plus(WorkerPool.backoff(rules.retryBackoff(), reader.attempts())), failure.reply(), true);
        }
    }

    /** The server could not be reached or dropped the connection: retry; pause once the outage lasts too long. */
    private boolean outage(Deliveries.Claimed reader, String error) throws InterruptedException {
        connection.close();
        Instant now = Instant.now();
        queue.retryLater(reader, now, error, false);
        if (outageSince == null) {
            outageSince = now;
        } else if (Duration.between(outageSince, now).compareTo(rules.outageWindow()) > 0) {
            queue.pause("The SMTP server has been unreachable since " + outageSince + " (" + error + "). Resume when it is back.");
            return false;
        }
        sleep(Duration.ofSeconds(2));
        return true;
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
}
