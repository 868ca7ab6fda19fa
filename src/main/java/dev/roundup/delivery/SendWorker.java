package dev.roundup.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;
import dev.roundup.mail.ListHeaders;
import dev.roundup.mail.Mail;
import dev.roundup.mail.MailBody;
import dev.roundup.mail.MailConfig;
import dev.roundup.mail.MailConnection;
import dev.roundup.mail.MailResult;
import dev.roundup.mail.Mailer;
import dev.roundup.mail.SmtpOutcome;
import dev.roundup.publishing.IssueRenderer;
import dev.roundup.publishing.RenderedIssue;
import dev.roundup.subscribers.SubscriberLinks;
import dev.roundup.subscribers.Subscriptions;
/**
 * One connection's worth of sending: claims a batch, sends each message on its connection, marks each delivery sent
 * right after the server's 250, and acts on each failure as {@link SmtpOutcome} classifies it and the send's
 * {@link RelayHealth} judges it: a reader's refusal bounces or retries that reader, the relay's pauses or slows the
 * send and counts against nobody. Holds one batch in memory, never more.
 */
public final class SendWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(SendWorker.class);

    /** How often a worker looks up whether its send still runs and who of its batch has left meanwhile. */
    private static final Duration CHECK_EVERY = Duration.ofMillis(200);

    /** Makes workers with everything they need. */
    @ApplicationScoped
    public static class Factory {
        @Inject
        Deliveries deliveries;
        @Inject
        Sender sender;
        @Inject
        SendWorkers workers;
        @Inject
        IssueRenderer renderer;
        @Inject
        Mailer mailer;
        @Inject
        SubscriberLinks links;
        @Inject
        Subscriptions subscriptions;
        @Inject
        RateGate rate;
        @Inject
        SendConfig config;
        @Inject
        RoundupConfig roundup;
        @Inject
        DeliveryTag tags;
        @Inject
        MailConfig mail;
        @Inject
        ListHeaders listHeaders;
        @Inject
        SentMarks marks;
        @Inject
        BounceCap cap;

        SendWorker create(long issueId) {
            return new SendWorker(this, issueId);
        }
    }

    private final Factory f;
    private final long issueId;
    private MailConnection channel;
    private Instant outageSince;
    private SentMarks.Mark lastSent;
    private String held;
    private SentMarks.Mark heldLastSent;
    private RelayHealth health;

    private SendWorker(Factory f, long issueId) {
        this.f = f;
        this.issueId = issueId;
    }

    @Override
    public void run() {
        // the issue's fixed pieces are encoded for the wire once; each message only encodes its reader's values
        RenderedIssue.Prepared<byte[]> rendered = f.renderer.render(issueId).prepare(MailBody::piece);
        health = f.workers.health(issueId);
        try {
            while (!f.workers.stopping() && f.sender.isRunning(issueId)) {
                String token = Secrets.randomToken(12);
                List<Deliveries.Claimed> batch = f.deliveries.claim(issueId, token, f.config.batchSize());
                if (batch.isEmpty()) {
                    handBackHeld();
                    f.sender.finishIfDone(issueId);
                    sleep(Duration.ofSeconds(1));
                    continue;
                }
                boolean goOn;
                try {
                    goOn = sendBatch(rendered, batch, token);
                } finally {
                    // this batch is held before the previous one goes back, so a failure there cannot leak it
                    String previous = held;
                    SentMarks.Mark previousLastSent = heldLastSent;
                    held = token;
                    heldLastSent = lastSent;
                    lastSent = null;
                    handBack(previous, previousLastSent);
                }
                if (!goOn) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                handBackHeld();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeChannel();
            }
        }
    }

    /**
     * Gives back the batch held since it was sent, once its "sent" marks are in the database: a row handed back
     * with its mark unsaved could be claimed and sent again. A batch is held while the next one is sent, so its marks
     * are almost always saved by then (they are saved every {@link SentMarks#FLUSH_EVERY_MILLIS} ms) and the worker
     * does not wait; waiting at the end of every batch forced a database commit per batch and connection.
     */
    private void handBackHeld() throws InterruptedException {
        String token = held;
        SentMarks.Mark last = heldLastSent;
        held = null;
        heldLastSent = null;
        handBack(token, last);
    }

    private void handBack(String token, SentMarks.Mark last) throws InterruptedException {
        if (token != null) {
            f.marks.await(last); // marks are retried until saved: returns once they are, so nothing sent goes back
            f.deliveries.release(issueId, token);
        }
    }

    /** Sends a batch; false when the send was paused by this worker and it should stop. */
    private boolean sendBatch(RenderedIssue.Prepared<byte[]> rendered, List<Deliveries.Claimed> batch, String token) throws InterruptedException {
        Set<Long> subscribed = f.deliveries.stillSubscribed(batch.stream().map(Deliveries.Claimed::subscriberId).toList());
        long checkedAt = System.nanoTime();
        long renewedAt = checkedAt;
        for (int i = 0; i < batch.size(); i++) {
            long now = System.nanoTime();
            if (now - checkedAt > CHECK_EVERY.toNanos()) {
                if (!f.sender.isRunning(issueId)) {
                    return true; // paused or cancelled: the rest of the batch goes back
                }
                if (now - renewedAt > f.config.claimLease().toNanos() / 3) {
                    f.deliveries.renew(issueId, token); // a slow relay must not let the lease lapse mid-batch
                    renewedAt = now;
                }
                subscribed = f.deliveries.stillSubscribed(batch.subList(i, batch.size()).stream().map(Deliveries.Claimed::subscriberId).toList());
                checkedAt = now;
            }
            long backoff = health.backoffNanos(now);
            if (backoff > 0) {
                sleepNanos(Math.min(backoff, CHECK_EVERY.toNanos())); // the relay is busy: wait in steps, still watching the send
                i--;
                continue;
            }
            Deliveries.Claimed c = batch.get(i);
            if (!subscribed.contains(c.subscriberId())) {
                f.deliveries.skipped(issueId, c.subscriberId(), "no longer subscribed when their turn came");
                continue;
            }
            long pace = health.paceSlot(System.nanoTime());
            if (pace > 0) {
                sleepNanos(pace); // slowed down since the relay was busy
            }
            f.rate.acquire();
            if (channel == null) {
                channel = f.mailer.connect();
            }
            MailResult result = channel.send(mail(rendered, c));
            if (result.delivered()) {
                lastSent = f.marks.add(new Deliveries.Sent(issueId, c.subscriberId(), result.messageId(), Instant.now()));
                health.delivered();
                outageSince = null;
            } else if (!failed(c, result)) {
                return false;
            }
        }
        return true;
    }

    /** Acts on a refusal or an outage; false when the send was paused and this worker should stop. */
    private boolean failed(Deliveries.Claimed c, MailResult failure) throws InterruptedException {
        long reader = c.subscriberId();
        String reply = failure.reply();
        if (failure.connectionGone()) {
            closeChannel(); // 421: the server closes it; reconnect after the back-off
        }
        switch (failure.outcome()) {
            case AUTH_FAILED -> {
                f.deliveries.retryLater(issueId, reader, Instant.now(), reply, false);
                pause("The SMTP server refused Roundup's credentials (" + reply + "). Nobody was bounced. "
                        + "Fix roundup.smtp.username/password, then resume.");
                return false;
            }
            case RELAY_REFUSED -> {
                f.deliveries.retryLater(issueId, reader, Instant.now(), reply, false);
                pause("The SMTP relay refuses to send for Roundup (" + reply + "). Nobody was bounced. Fix the relay, then resume.");
                return false;
            }
            case MESSAGE_REFUSED -> {
                // refused the content, not this reader: bouncing everyone would empty the list
                f.deliveries.retryLater(issueId, reader, Instant.now(), reply, false);
                pause("The SMTP server refused the message itself (" + reply + "). Check the relay and the issue, then resume.");
                return false;
            }
            case RECIPIENT_REFUSED -> {
                return refused(c, reply);
            }
            case TEMPORARY -> {
                temporary(c, failure);
                return true;
            }
            case UNSENDABLE -> {
                f.deliveries.failed(issueId, reader, "could not compose the message: " + reply);
                return true;
            }
            default -> {
                return outage(c, reply);
            }
        }
    }

    /** A 5xx to this reader's RCPT: a hard bounce, unless the relay rule or the cap says a human should look first. */
    private boolean refused(Deliveries.Claimed c, String reply) {
        long reader = c.subscriberId();
        switch (health.refused()) {
            case HOLD -> {
                f.deliveries.retryLater(issueId, reader, Instant.now(), reply, false); // decided once something got through
                return true;
            }
            case PAUSE -> {
                f.deliveries.retryLater(issueId, reader, Instant.now(), reply, false);
                pause("The first " + f.config.refusalsAtStart() + " readers tried were all refused before anything was delivered (last: "
                        + reply + "): that is the relay, not them. Nobody was bounced. Fix the relay, then resume.");
                return false;
            }
            default -> {
                if (!f.cap.take(issueId)) {
                    f.deliveries.retryLater(issueId, reader, Instant.now(), reply, false);
                    pause("This send has hard-bounced " + f.cap.used(issueId) + " readers, as many as it may without a human "
                            + "(roundup.send.bounce-cap-percent, -minimum; last: " + reply + "). Check the delivery log; resume to allow as many again.");
                    return false;
                }
                f.deliveries.failed(issueId, reader, "refused for good: " + reply);
                f.subscriptions.hardBounce(reader, "SMTP " + reply + " while sending issue " + issueId);
                return true;
            }
        }
    }

    /** A 4xx: the reader's own (counted, as many as max-attempts), or the relay's (uncounted; the send backs off). */
    private void temporary(Deliveries.Claimed c, MailResult failure) {
        long reader = c.subscriberId();
        RelayHealth.Temporary verdict = health.temporary(reader, failure.atRecipient(), System.nanoTime());
        if (verdict.verdict() == RelayHealth.Verdict.BUSY) {
            if (!verdict.refund().isEmpty()) {
                LOG.infof("The SMTP relay is busy for issue %d (%s): backing off, attempts not counted", issueId, failure.reply());
                f.deliveries.refund(issueId, verdict.refund(), Instant.now());
            }
            closeChannel(); // reconnect after the back-off rather than keep a busy relay's connection idle
            f.deliveries.retryLater(issueId, reader, Instant.now().plusNanos(health.backoffNanos(System.nanoTime())), failure.reply(), false);
        } else if (c.attempts() + 1 >= f.config.maxAttempts()) {
            f.deliveries.failed(issueId, reader, "still refused after " + (c.attempts() + 1) + " attempts: " + failure.reply());
        } else {
            f.deliveries.retryLater(issueId, reader, Instant.now().plus(SendWorkers.backoff(f.config.retryBackoff(), c.attempts())),
                    failure.reply(), true);
        }
    }

    /** The server could not be reached or dropped the connection: retry; pause once the outage lasts too long. */
    private boolean outage(Deliveries.Claimed c, String reply) throws InterruptedException {
        closeChannel();
        Instant now = Instant.now();
        f.deliveries.retryLater(issueId, c.subscriberId(), now, reply, false);
        if (outageSince == null) {
            outageSince = now;
        } else if (Duration.between(outageSince, now).compareTo(f.config.outageWindow()) > 0) {
            pause("The SMTP server has been unreachable since " + outageSince + " (" + reply + "). Resume when it is back.");
            return false;
        }
        sleep(Duration.ofSeconds(2));
        return true;
    }

    private void pause(String reason) {
        LOG.warnf("Pausing the send of issue %d: %s", issueId, reason);
        try {
            f.sender.pause(issueId, reason);
        } catch (RuntimeException alreadyPaused) {
            // another worker paused it first
        }
    }

    private Mail mail(RenderedIssue.Prepared<byte[]> rendered, Deliveries.Claimed c) {
        String unsubscribe = f.roundup.link("/unsubscribe/" + f.links.unsubscribeToken(c.publicId(), c.tokenVersion()));
        Map<String, String> headers = f.listHeaders.of(unsubscribe);
        headers.put(DeliveryTag.HEADER, f.tags.of(issueId, c.subscriberId()));
        return new Mail(c.email(), c.name(), rendered.subject(), MailBody.joined(rendered.text(c.name(), unsubscribe)),
                MailBody.joined(rendered.html(c.name(), unsubscribe)), headers,
                f.mail.bounceAddress().map(a -> f.tags.returnPath(a, issueId, c.subscriberId())).orElse(null));
    }

    private void closeChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
}
