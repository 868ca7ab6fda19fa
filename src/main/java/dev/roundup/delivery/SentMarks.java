package dev.roundup.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Records "sent" the moment the server accepted a message, cheaply, without losing it to a crash. A sender appends
 * the mark to a journal segment (one write, no database commit: a killed process keeps what it wrote) and goes on; a
 * background committer saves queued marks to the database in groups, at least every {@link #FLUSH_EVERY_MILLIS} ms.
 * So a kill loses at most the message each connection had in flight, as with a commit per message, at a fraction of
 * the cost (on H2 a commit per message was what a send spent its time on: docs/performance.md).
 *
 * <p>Three rules keep that bound whatever goes wrong:
 * <ul>
 * <li><b>A segment is deleted only once its marks are on disk</b>, not when the commit returns: after the commit,
 * {@link DurablePoint#reach()} makes it survive a kill (on H2 with a write delay, a {@code CHECKPOINT}). Of the two
 * ways out of issue #16's repeats (an operator's H2 URL without {@code WRITE_DELAY=0}), this one holds for
 * any URL and the delay H2 has by default, and it changes nobody's database settings; rewriting or refusing the URL
 * would have to know every way of writing one. The delay is read once, at start: one changed later with
 * {@code SET WRITE_DELAY} is not seen until the next start. A mark counts as saved (and a worker waiting for it
 * returns, {@link #await}) only after that step, so a worker handing a batch back waits for the checkpoint too;
 * it rarely does, as the batch is held while the next one is sent ({@link DatabaseQueue#release}).
 * <li><b>A mark the journal could not take is saved in the database at once</b> (disk full, a read-only folder):
 * the caller gets it back with {@link Mark#journalTrouble()} set and pauses the send with that reason
 * ({@link DatabaseQueue#sent}), rather than fail after the server's 250 and hand the message out again at every tick.
 * <li><b>Nothing is sent before the marks an earlier run left are saved</b>: {@link #recover()} replays them
 * ({@link JournalReplay}) and only then says so; a worker's queue asks it before each claim
 * ({@link DatabaseQueue#claim}) and, while it cannot, pauses the send with {@link #recoveryTrouble()}.
 * </ul>
 *
 * <p>The journal lives in this instance's data folder ({@link JournalStorage}). Instances sharing a data folder
 * replay only the segments of runs that ended (a run holds an OS lock for its life). When several instances share
 * PostgreSQL and one dies for good, the marks it had not yet saved (at most {@link #FLUSH_EVERY_MILLIS} ms of its
 * sending) go out again once its claims expire.
 */
@ApplicationScoped
public class SentMarks {

    private static final Logger LOG = Logger.getLogger(SentMarks.class);

    static final long FLUSH_EVERY_MILLIS = 250;
    private static final int FLUSH_AT = 1000;

    @Inject
    Deliveries deliveries;

    @Inject
    JournalStorage storage;

    @Inject
    DurablePoint durable;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    /** The run whose segments this one writes, {@code <run>-<n>.journal}: it never writes into one it must replay. */
    private final String run = "sent-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid();

    private final Object lock = new Object();
    private List<Mark> queued = new ArrayList<>();
    /** Segments holding the queued marks, to be deleted once those are on disk. */
    private List<String> queuedSegments = new ArrayList<>();
    private final List<String> unsavedSegments = new ArrayList<>();
    private String segment;
    private long segmentNumber;
    private long firstQueuedAt;
    private boolean flushNow;
    private boolean closing;
    private Thread committer;

    private final Object recovery = new Object();
    private volatile boolean recovered;
    private volatile String recoveryTrouble;

    /** A mark handed in, saved to the database or not yet. */
    public static final class Mark {
        private final Deliveries.Sent sent;
        private boolean done;
        private RuntimeException failure;
        private String journalTrouble;

        private Mark(Deliveries.Sent sent) {
            this.sent = sent;
        }

        /**
         * Why the journal could not take this mark (it was saved in the database instead, before {@link #add}
         * returned), or null when it did. Sending should pause with it: the next mark would not fare better.
         */
        public String journalTrouble() {
            return journalTrouble;
        }
    }

    void onStart(@Observes StartupEvent event) {
        durable.check();
        recover();
    }

    /**
     * Records that the server accepted a message: in the journal before this returns, in the database soon. When
     * the journal cannot take it, the mark is saved in the database before this returns, and says why.
     */
    public Mark add(Deliveries.Sent sent) {
        Mark mark = new Mark(sent);
        byte[] line = (sent.issueId() + " " + sent.subscriberId() + " " + sent.at().toEpochMilli() + " " + sent.messageId() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        String trouble = null;
        synchronized (lock) {
            try {
                if (segment == null) {
                    storage.hold(run); // before its first segment: another instance sharing the folder leaves them alone
                    segment = run + String.format("-%06d.journal", ++segmentNumber);
                    queuedSegments.add(segment);
                }
                storage.append(segment, line);
            } catch (IOException | RuntimeException e) {
                if (segment != null) {
                    storage.close(segment); // the next mark tries a new segment: the trouble may pass
                }
                segment = null;
                trouble = "Could not write the send journal in " + storage.where() + " (" + e.getMessage() + "). Sending is paused "
                        + "so that no message goes out without a record that survives a crash";
                LOG.errorf(e, "Could not write a sent mark to the send journal in %s; saving it in the database at once", storage.where());
                flushNow = true;
            }
            enqueue(mark);
        }
        if (trouble != null) {
            String outcome;
            try {
                await(mark); // saved with the marks before it, so that it being saved means they are too
                outcome = "the message the server had just accepted is marked sent in the database";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: the worker's own wait for its marks says so
                outcome = "this instance stopped before the message the server had just accepted was marked sent";
            } catch (RuntimeException e) {
                outcome = "the database did not take the mark of the message the server had just accepted either (" + e.getMessage() + ")";
            }
            mark.journalTrouble = trouble + "; " + outcome + ". Free disk space or fix the folder's permissions, then resume.";
        }
        return mark;
    }

    private void enqueue(Mark mark) {
        boolean first = queued.isEmpty();
        if (first) {
            firstQueuedAt = System.nanoTime();
        }
        queued.add(mark);
        if (committer == null) {
            committer = new Thread(this::commitLoop, "sent-marks");
            committer.setDaemon(true);
            committer.start();
        }
        // the first mark of a group wakes the committer too: with nothing queued it waits without a timeout, and
        // would otherwise sleep until 1,000 marks or a worker's wait, not the FLUSH_EVERY_MILLIS promised
        if (first || flushNow || queued.size() >= FLUSH_AT) {
            lock.notifyAll();
        }
    }

    /**
     * Saves the mark now if it is not yet and returns once it is (a failed save is retried every second); throws only
     * when the process stopped before the mark could be saved, which leaves it in the journal for the next start.
     * Null is a no-op.
     */
    public void await(Mark mark) throws InterruptedException {
        if (mark == null) {
            return;
        }
        synchronized (lock) {
            if (!mark.done) {
                flushNow = true; // the group taken next holds this mark, or the one being saved does
                lock.notifyAll();
            }
            while (!mark.done) {
                lock.wait();
            }
        }
        if (mark.failure != null) {
            throw mark.failure;
        }
    }

    private void commitLoop() {
        try {
            commitGroups();
        } finally {
            synchronized (lock) {
                if (committer == Thread.currentThread()) {
                    committer = null; // the next mark starts another, or a worker still running after close() would wait for ever
                }
            }
        }
    }

    private void commitGroups() {
        while (true) {
            List<Mark> group;
            List<String> segments;
            synchronized (lock) {
                try {
                    while (!due()) {
                        long waitMillis = queued.isEmpty() ? 0
                                : Math.max(1, FLUSH_EVERY_MILLIS - (System.nanoTime() - firstQueuedAt) / 1_000_000);
                        lock.wait(waitMillis);
                    }
                } catch (InterruptedException e) {
                    closing = true;
                }
                if (queued.isEmpty()) {
                    committer = null;
                    return; // closing, nothing left
                }
                group = queued;
                queued = new ArrayList<>();
                flushNow = false;
                if (segment != null) {
                    storage.close(segment); // the marks of the next group go to a segment of their own
                    segment = null;
                }
                segments = queuedSegments;
                queuedSegments = new ArrayList<>();
            }
            try {
                deliveries.sent(group.stream().map(m -> m.sent).toList());
                durable.reach();
            } catch (RuntimeException e) {
                boolean giveUp;
                synchronized (lock) {
                    giveUp = closing;
                    if (giveUp) {
                        group.addAll(queued); // nobody is left to save those either
                        queued = new ArrayList<>();
                        // their segments stay on disk for the next start, no longer this run's to delete: a committer
                        // started by a later mark must not take them for saved
                        unsavedSegments.clear();
                        committer = null;
                    } else {
                        // saved with the next group: marks are never dropped while the process runs (a worker hands
                        // a batch back only once its marks are saved, so a dropped mark would mean a second copy)
                        group.addAll(queued);
                        queued = group;
                        unsavedSegments.addAll(segments);
                        firstQueuedAt = System.nanoTime();
                    }
                }
                if (giveUp) {
                    LOG.errorf(e, "Could not save %d sent marks before stopping; they stay in the journal in %s for the next start", group.size(), storage.where());
                    finish(group, e);
                    return;
                }
                LOG.errorf(e, "Could not save %d sent marks; trying again in a second (they are safe in the journal in %s)", group.size(), storage.where());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    synchronized (lock) {
                        closing = true;
                    }
                }
                continue;
            }
            List<String> done;
            synchronized (lock) {
                done = new ArrayList<>(unsavedSegments);
                unsavedSegments.clear();
            }
            done.addAll(segments);
            for (String s : done) {
                delete(s);
            }
            finish(group, null);
        }
    }

    private void delete(String segment) {
        try {
            storage.delete(segment);
        } catch (IOException e) {
            LOG.warnf("Could not delete the saved journal segment %s in %s: %s", segment, storage.where(), e.getMessage());
        }
    }

    private void finish(List<Mark> group, RuntimeException failure) {
        synchronized (lock) {
            for (Mark m : group) {
                m.done = true;
                m.failure = failure;
            }
            lock.notifyAll();
        }
    }

    private boolean due() {
        if (closing) {
            return true;
        }
        if (queued.isEmpty()) {
            return false;
        }
        return flushNow || queued.size() >= FLUSH_AT || System.nanoTime() - firstQueuedAt >= FLUSH_EVERY_MILLIS * 1_000_000;
    }

    /**
     * Whether the marks earlier runs left in the journal are saved: if not yet, tries and says whether that worked. Until it did, this instance must send nothing: those readers' rows still look unsent;
     * {@link #recoveryTrouble()} says why.
     */
    public boolean recover() {
        if (recovered) {
            return true;
        }
        synchronized (recovery) {
            if (recovered) {
                return true;
            }
            try {
                new JournalReplay(storage, deliveries, durable).replay(run, !jdbcUrl.startsWith("jdbc:h2:mem:"));
                recoveryTrouble = null;
                recovered = true;
            } catch (IOException | RuntimeException e) {
                recoveryTrouble = "The sent marks an earlier run left in the send journal in " + storage.where() + " could not be saved ("
                        + e.getMessage() + "). Nothing is sent until they are, or readers they name would get a second copy. "
                        + "Fix what stops them (the log says more), then resume.";
                LOG.errorf(e, "Sending is stopped on this instance: %s", recoveryTrouble);
            }
            return recovered;
        }
    }

    /** Why the marks earlier runs left are not saved yet, for the editor; null when they are, or no try was made. */
    public String recoveryTrouble() {
        return recoveryTrouble;
    }

    /** Saves what is still queued before the database goes away (senders have stopped by now). */
    @PreDestroy
    void close() throws InterruptedException {
        Thread t;
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
            t = committer;
        }
        if (t != null) {
            t.join(10_000);
        }
        synchronized (lock) {
            if (committer == null && queued.isEmpty() && queuedSegments.isEmpty() && unsavedSegments.isEmpty()) {
                storage.letGo(run); // all its marks are saved: the next start has nothing of this run to replay
            }
        }
    }
}
