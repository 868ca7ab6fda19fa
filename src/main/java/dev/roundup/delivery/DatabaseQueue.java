package dev.roundup.delivery;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.Secrets;
import dev.roundup.subscribers.Subscriptions;

/**
 * The {@link DeliveryQueue} of one worker over the database: delivery rows through {@link Deliveries}, "sent" marks
 * through the journal ({@link SentMarks}), the send's state through {@link IssueSends}. It keeps the rules that make
 * sending safe:
 * <ul>
 * <li>A batch goes back only once its marks are saved. The batch a worker is done with is held while the worker sends
 * the next one, and goes back when that one is done: by then its marks are almost always saved (every
 * {@link SentMarks#FLUSH_EVERY_MILLIS} ms), so nobody waits, where waiting at the end of every batch forced a database
 * commit per batch and connection.
 * <li>A claim is fenced. It is a random token and a lease; {@link #holds} is a clock read until half the lease has
 * passed, then one update that renews what is left of the batch and reads which of it is still claimed with the
 * token. A delivery that is not was taken over by another worker after the lease ran out (writing its own token), or
 * changed meanwhile: the worker skips it and sends the rest, so a message never starts with less than half a lease
 * left. Every change the worker makes to a row carries the token too, so a row another worker holds stays theirs.
 * <li>Nothing is claimed before the marks a crashed run left in the journal are saved ({@link SentMarks#recover}): while
 * they cannot be, the send pauses with the reason. A mark the journal could not take pauses the send with the reason
 * too; the rest of the batch is then not the worker's to send.
 * </ul>
 */
final class DatabaseQueue implements DeliveryQueue {

    private static final Logger LOG = Logger.getLogger(DatabaseQueue.class);

    /** What the queues of this instance share, and where they are opened. */
    @ApplicationScoped
    static class Parts {
        @Inject
        Deliveries deliveries;
        @Inject
        SentMarks marks;
        @Inject
        IssueSends sends;
        @Inject
        BounceCap cap;
        @Inject
        Subscriptions subscriptions;
        @Inject
        SendConfig config;
        @Inject
        SendMetrics metrics;

        /** A queue of one send's deliveries, for one worker. */
        DeliveryQueue open(long issueId) {
            return new DatabaseQueue(this, issueId);
        }
    }

    private final Parts p;
    private final long issueId;
    private final SendMetrics.Counters counted;
    private String token;
    private long renewedAt;
    private Set<Long> lost = Set.of();
    private boolean stopped;
    private SentMarks.Mark lastSent;
    private String held;
    private SentMarks.Mark heldLastSent;

    private DatabaseQueue(Parts parts, long issueId) {
        this.p = parts;
        this.issueId = issueId;
        this.counted = parts.metrics.of(issueId);
    }

    @Override
    public boolean running() {
        return p.sends.isRunning(issueId);
    }

    @Override
    public List<Deliveries.Claimed> claim() {
        stopped = false;
        if (!p.marks.recover()) {
            // marks a crashed run left are not saved yet: their readers still look unsent. The editor sees why, and
            // resuming tries again
            String why = p.marks.recoveryTrouble();
            if (why != null) { // null: saved meanwhile, by another worker's try
                pause(why);
            }
            return List.of();
        }
        String claim = Secrets.randomToken(12);
        long claimedAt = System.nanoTime(); // before the claim is written: the lease is counted from no later than this
        List<Deliveries.Claimed> batch = p.deliveries.claim(issueId, claim, p.config.batchSize());
        if (!batch.isEmpty()) {
            token = claim;
            renewedAt = claimedAt;
            lost = Set.of();
        }
        return batch;
    }

    @Override
    public boolean holds(List<Deliveries.Claimed> batch, int next) {
        if (stopped) {
            return false;
        }
        long now = System.nanoTime();
        if (now - renewedAt >= p.config.claimLease().toNanos() / 2) {
            List<Long> rest = batch.subList(next, batch.size()).stream().map(Deliveries.Claimed::subscriberId).toList();
            Set<Long> ours = p.deliveries.renew(issueId, token, rest);
            renewedAt = now;
            Set<Long> gone = new HashSet<>(lost);
            rest.stream().filter(id -> !ours.contains(id)).forEach(gone::add);
            if (gone.size() > lost.size()) {
                LOG.warnf("%d deliveries of a batch of issue %d are no longer this worker's (claimed by another after its lease ran out, "
                        + "or changed meanwhile): it sends the rest", gone.size() - lost.size(), issueId);
            }
            lost = gone;
        }
        return !lost.contains(batch.get(next).subscriberId());
    }

    @Override
    public Set<Long> stillReceiving(List<Deliveries.Claimed> readers) {
        return p.deliveries.stillSubscribed(readers.stream().map(Deliveries.Claimed::subscriberId).toList());
    }

    @Override
    public void sent(Deliveries.Claimed reader, String messageId) {
        lastSent = p.marks.add(new Deliveries.Sent(issueId, reader.subscriberId(), messageId, Instant.now()));
        counted.sent().increment();
        if (lastSent.journalTrouble() != null) {
            pause(lastSent.journalTrouble()); // the next mark would not fare better
            stopped = true; // so the worker sends nothing more of this batch
        }
    }

    @Override
    public void retryLater(Deliveries.Claimed reader, Instant when, String error, boolean countAttempt) {
        p.deliveries.retryLater(issueId, reader.subscriberId(), token, when, error, countAttempt);
        counted.retried().increment();
    }

    @Override
    public void refund(List<Long> subscriberIds, Instant when) {
        p.deliveries.refund(issueId, subscriberIds, when);
    }

    @Override
    public void failed(Deliveries.Claimed reader, String error) {
        p.deliveries.failed(issueId, reader.subscriberId(), token, error);
        counted.failed().increment();
    }

    @Override
    public boolean bounce(Deliveries.Claimed reader, String reply) {
        if (!p.cap.take(issueId)) {
            retryLater(reader, Instant.now(), reply, false);
            return false;
        }
        failed(reader, "refused for good: " + reply);
        counted.bounced().increment();
        p.subscriptions.hardBounce(reader.subscriberId(), "SMTP " + reply + " while sending issue " + issueId);
        return true;
    }

    @Override
    public int bounced() {
        return p.cap.used(issueId);
    }

    @Override
    public void skipped(Deliveries.Claimed reader, String why) {
        p.deliveries.skipped(issueId, reader.subscriberId(), token, why);
    }

    @Override
    public void release() throws InterruptedException {
        // this batch is held before the previous one goes back, so a failure there cannot leak it
        String previous = held;
        SentMarks.Mark previousLastSent = heldLastSent;
        held = token;
        heldLastSent = lastSent;
        token = null;
        lastSent = null;
        handBack(previous, previousLastSent);
    }

    @Override
    public void pause(String reason) {
        LOG.warnf("Pausing the send of issue %d: %s", issueId, reason);
        try {
            p.sends.pauseItself(issueId, reason);
        } catch (RuntimeException alreadyPaused) {
            // another worker paused it first
        }
    }

    @Override
    public void finishIfDone() throws InterruptedException {
        handBackHeld(); // its rows count as left to try until they are back or marked sent
        p.sends.finishIfDone(issueId);
    }

    @Override
    public void close() throws InterruptedException {
        if (token != null) {
            release();
        }
        handBackHeld();
    }

    private void handBackHeld() throws InterruptedException {
        String t = held;
        SentMarks.Mark last = heldLastSent;
        held = null;
        heldLastSent = null;
        handBack(t, last);
    }

    private void handBack(String claim, SentMarks.Mark last) throws InterruptedException {
        if (claim != null) {
            p.marks.await(last); // marks are retried until saved: returns once they are, so nothing sent goes back
            p.deliveries.release(issueId, claim);
        }
    }
}
