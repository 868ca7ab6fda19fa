package dev.roundup.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * How the relay is doing for one send, as the workers of this instance see it: the rule that tells a relay's refusal
 * from a reader's when the replies alone do not. Shared by the workers of one send; a plain class so the rule can be
 * tested without a relay. Three parts:
 * <ul>
 * <li>the start: until something is delivered, a 5xx to RCPT is held (the reader goes back to the queue, not bounced);
 * {@code refusalsAtStart} of them in a row before the first delivery are the relay refusing everyone: pause;
 * <li>relay-wide 4xx: {@code busyAfter} different readers refused with 4xx in a row, with no delivery between, or a
 * 4xx that is not about a reader (421, MAIL, DATA, connect), mean the relay is busy: the send backs off (doubling up
 * to a ceiling), slows to half the pace it had, and nobody's attempt counts, the streak's included;
 * <li>the hard-bounce cap ({@link #bounceCap}): checked against the database by the caller, shared by instances.
 * </ul>
 */
final class RelayHealth {

    /** The settings the rule works with. */
    record Rules(int refusalsAtStart, int busyAfter, Duration backoff, Duration backoffMax) {
    }

    /** What to do with one refusal. */
    enum Verdict {
        /** A reader's own refusal: bounce them (5xx) or count the attempt (4xx). */
        READER,
        /** Nothing delivered yet: put the reader back, decide later. */
        HOLD,
        /** The relay refuses everyone: pause the send. */
        PAUSE,
        /** The relay is busy: put the reader back uncounted; the send backs off. */
        BUSY
    }

    /** The verdict on a 4xx, and the readers of the streak whose counted attempts are to be given back. */
    record Temporary(Verdict verdict, List<Long> refund) {
    }

    /** Clean deliveries after which a slowed send goes back to full pace. */
    static final int CLEAN_RUN = 100;

    /** The pace of a send that got no message through before the relay was busy: ten a second. */
    private static final long FIRST_PACE = 100_000_000L;

    private final Rules rules;
    private final LongAdder delivered = new LongAdder();
    /** True while nothing needs the slow path on a delivery: the hot path reads one volatile field. */
    private volatile boolean quiet;
    private volatile long backoffUntil;
    private volatile long paceNanos;
    private boolean started;
    private int refusalsBeforeStart;
    private final Set<Long> streak = new LinkedHashSet<>();
    private boolean busy;
    private int level;
    private int cleanSinceBusy;
    private long rateSince;
    private long deliveredAtRateSince;
    private long nextSlot;

    RelayHealth(Rules rules, long nowNanos) {
        this.rules = rules;
        this.rateSince = nowNanos;
        this.backoffUntil = nowNanos;
        this.nextSlot = nowNanos;
    }

    /**
     * The most readers one send may hard-bounce without a human: the larger of {@code percent} % of its recipients
     * (rounded up) and {@code minimum}.
     */
    static int bounceCap(int recipients, double percent, int minimum) {
        return Math.max((int) Math.ceil(recipients * percent / 100.0), minimum);
    }

    /** The relay took a message. Cheap when all is well: it runs for every message. */
    void delivered() {
        delivered.increment();
        if (!quiet) {
            settle();
        }
    }

    private synchronized void settle() {
        started = true;
        streak.clear();
        busy = false;
        if (paceNanos > 0 && ++cleanSinceBusy >= CLEAN_RUN) {
            paceNanos = 0; // the relay kept up for a while: full pace again
            level = 0;
        }
        quiet = paceNanos == 0;
    }

    /** The send is known to get through (it did before, or an editor resumed it): refusals are no longer held. */
    synchronized void pastTheStart() {
        started = true;
    }

    /** A 5xx to one reader's RCPT. */
    synchronized Verdict refused() {
        if (started) {
            return Verdict.READER;
        }
        return ++refusalsBeforeStart >= rules.refusalsAtStart() ? Verdict.PAUSE : Verdict.HOLD;
    }

    /** A 4xx: {@code atRecipient} when it answered one reader's RCPT (and was not a 421). */
    synchronized Temporary temporary(long subscriberId, boolean atRecipient, long nowNanos) {
        quiet = false;
        if (busy) {
            return new Temporary(Verdict.BUSY, List.of()); // still busy since the last back-off: nobody counts
        }
        if (!atRecipient) {
            List<Long> refund = new ArrayList<>(streak);
            becomeBusy(nowNanos);
            return new Temporary(Verdict.BUSY, refund);
        }
        streak.add(subscriberId);
        if (streak.size() < rules.busyAfter()) {
            return new Temporary(Verdict.READER, List.of());
        }
        streak.remove(subscriberId); // this one was not counted yet
        List<Long> refund = new ArrayList<>(streak);
        becomeBusy(nowNanos);
        return new Temporary(Verdict.BUSY, refund);
    }

    private void becomeBusy(long nowNanos) {
        busy = true;
        streak.clear();
        cleanSinceBusy = 0;
        long wait = Math.min(rules.backoff().toNanos() << Math.min(level, 20), rules.backoffMax().toNanos());
        level++;
        backoffUntil = nowNanos + wait;
        // half the pace the send had since it started or last slowed down; at least one message a second
        long elapsed = Math.max(1, nowNanos - rateSince);
        long sent = delivered.sum() - deliveredAtRateSince;
        long interval = sent > 0 ? 2 * elapsed / sent : FIRST_PACE;
        paceNanos = Math.min(Math.max(interval, paceNanos * 2), 1_000_000_000L);
        rateSince = nowNanos + wait;
        deliveredAtRateSince = delivered.sum();
    }

    /** Nanoseconds left of the send's back-off, 0 when there is none: a worker waits (in steps) before its next message. */
    long backoffNanos(long nowNanos) {
        if (quiet) {
            return 0;
        }
        long left = backoffUntil - nowNanos;
        return Math.max(left, 0);
    }

    /** Takes the next slot of the lowered pace; returns the nanoseconds to wait for it, 0 at full pace. */
    long paceSlot(long nowNanos) {
        if (quiet || paceNanos == 0) {
            return 0;
        }
        synchronized (this) {
            if (nextSlot - nowNanos < 0) {
                nextSlot = nowNanos;
            }
            long wait = nextSlot - nowNanos;
            nextSlot += paceNanos;
            return wait;
        }
    }

    /** The pause between messages while slowed down, 0 at full pace; for tests and the log. */
    long paceNanos() {
        return paceNanos;
    }

    /** Whether the relay is taken to be busy (since the last 4xx burst, until a delivery). */
    synchronized boolean busy() {
        return busy;
    }

}
