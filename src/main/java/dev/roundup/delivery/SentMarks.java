package dev.roundup.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * any URL, the delay H2 has by default or one set later with {@code SET WRITE_DELAY}, and it changes nobody's
 * database settings; rewriting or refusing the URL would have to know every way of writing one. The workers do
 * not wait for it: a batch may go back once its marks are committed (then they are visible to every claim), the
 * journal only has to outlive the process until they are on disk.
 * <li><b>A mark the journal could not take is saved in the database at once</b> (disk full, a read-only folder):
 * the caller gets it back with {@link Mark#journalTrouble()} set and pauses the send with that reason
 * ({@link DatabaseQueue#sent}), rather than fail after the server's 250 and hand the message out again at every tick.
 * <li><b>Nothing is sent before the marks an earlier run left are saved</b>: {@link #recover()} replays them and
 * only then says so; a worker's queue asks it before each claim ({@link DatabaseQueue#claim}), and a failed replay is tried again while sending stays
 * stopped on this instance.
 * </ul>
 *
 * <p>The journal lives in this instance's data folder ({@link JournalStorage}): when several instances share
 * PostgreSQL and one dies for good, the marks it had not yet saved (at most {@link #FLUSH_EVERY_MILLIS} ms of its
 * sending) go out again once its claims expire.
 */
@ApplicationScoped
public class SentMarks {

    private static final Logger LOG = Logger.getLogger(SentMarks.class);

    static final long FLUSH_EVERY_MILLIS = 250;
    private static final int FLUSH_AT = 1000;
    private static final long RECOVER_EVERY_NANOS = 1_000_000_000L;

    @Inject
    Deliveries deliveries;

    @Inject
    JournalStorage storage;

    @Inject
    DurablePoint durable;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    /** Segments of this run start so, those of earlier runs do not: this run never writes into one it must replay. */
    private final String runPrefix = "sent-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid() + "-";

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
    private long lastRecoveryAttempt;
    private boolean recoveryTried;

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
        synchronized (lock) {
            try {
                if (segment == null) {
                    segment = runPrefix + String.format("%06d.journal", ++segmentNumber);
                    queuedSegments.add(segment);
                }
                storage.append(segment, line);
            } catch (IOException | RuntimeException e) {
                storage.close(segment); // the next mark tries a new segment: the trouble may pass
                segment = null;
                mark.journalTrouble = "Could not write the send journal in " + storage.where() + " (" + e.getMessage() + "). Sending is paused "
                        + "so that no message goes out without a record that survives a crash; the message the server had just accepted "
                        + "is marked sent in the database. Free disk space or fix the folder's permissions, then resume.";
                LOG.errorf(e, "Could not write a sent mark to the send journal in %s; saving it in the database at once", storage.where());
                flushNow = true;
            }
            enqueue(mark);
        }
        if (mark.journalTrouble != null) {
            try {
                await(mark); // saved with the marks before it, so that it being saved means they are too
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: the worker's own wait for its marks says so
            }
        }
        return mark;
    }

    private void enqueue(Mark mark) {
        if (queued.isEmpty()) {
            firstQueuedAt = System.nanoTime();
        }
        queued.add(mark);
        if (committer == null) {
            committer = new Thread(this::commitLoop, "sent-marks");
            committer.setDaemon(true);
            committer.start();
        }
        if (flushNow || queued.size() >= FLUSH_AT) {
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
                    if (!giveUp) {
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
     * Whether the marks earlier runs left in the journal are saved: if not yet, tries (at most once a second) and
     * says whether that worked. Until it did, this instance must send nothing: those readers' rows still look unsent.
     */
    public boolean recover() {
        if (recovered) {
            return true;
        }
        synchronized (recovery) {
            if (recovered || (recoveryTried && System.nanoTime() - lastRecoveryAttempt < RECOVER_EVERY_NANOS)) {
                return recovered;
            }
            recoveryTried = true;
            lastRecoveryAttempt = System.nanoTime();
            try {
                replayEarlierRuns();
                recovered = true;
            } catch (IOException | RuntimeException e) {
                LOG.errorf("Sending is stopped on this instance: the sent marks an earlier run left in the send journal in %s could not be "
                        + "saved (%s). Nothing is sent until they are, or readers they name would get a second copy; trying again every second.",
                        storage.where(), e.getMessage());
            }
            return recovered;
        }
    }

    private void replayEarlierRuns() throws IOException {
        for (String s : storage.segments()) {
            if (s.startsWith(runPrefix)) {
                continue;
            }
            // an in-memory database did not survive the crash either: its marks have no rows to go to
            List<Deliveries.Sent> marks = jdbcUrl.startsWith("jdbc:h2:mem:") ? List.of() : read(s);
            for (int i = 0; i < marks.size(); i += FLUSH_AT) {
                deliveries.sent(marks.subList(i, Math.min(marks.size(), i + FLUSH_AT)));
            }
            durable.reach();
            storage.delete(s);
            LOG.infof("Saved %d sent marks left in %s by an earlier run", marks.size(), s);
        }
    }

    private List<Deliveries.Sent> read(String segment) throws IOException {
        List<Deliveries.Sent> marks = new ArrayList<>();
        for (String line : storage.lines(segment)) {
            String[] f = line.split(" ", 4);
            if (f.length == 4 && f[3].endsWith(">")) { // a line cut short by the crash: its message was in flight
                try {
                    marks.add(new Deliveries.Sent(Long.parseLong(f[0]), Long.parseLong(f[1]), f[3], Instant.ofEpochMilli(Long.parseLong(f[2]))));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("The send journal segment " + segment + " is unreadable: " + e.getMessage(), e);
                }
            }
        }
        return marks;
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
    }
}
