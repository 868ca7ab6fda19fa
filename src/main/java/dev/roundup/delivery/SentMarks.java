package dev.roundup.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.roundup.RoundupConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Records "sent" the moment the server accepted a message, cheaply, without losing it to a crash. A sender appends
 * the mark to a journal file (one write, no database commit: a killed process keeps what it wrote) and goes on; a
 * background committer saves queued marks to the database in groups, at least every {@link #FLUSH_EVERY_MILLIS} ms,
 * and deletes the journal segment it saved. At start, segments left by a crash are saved before anything is sent.
 * So a kill loses at most the message each connection had in flight, as with a commit per message, at a fraction of
 * the cost (on H2 a commit per message was what a send spent its time on: docs/performance.md).
 *
 * <p>The journal lives in this instance's data folder: when several instances share PostgreSQL and one dies for
 * good, the marks it had not yet saved (at most {@link #FLUSH_EVERY_MILLIS} ms of its sending) go out again once
 * its claims expire.
 */
@ApplicationScoped
public class SentMarks {

    private static final Logger LOG = Logger.getLogger(SentMarks.class);

    static final long FLUSH_EVERY_MILLIS = 250;
    private static final int FLUSH_AT = 1000;

    @Inject
    Deliveries deliveries;

    @Inject
    RoundupConfig roundup;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private final Object lock = new Object();
    private List<Mark> queued = new ArrayList<>();
    private final List<Path> unsavedSegments = new ArrayList<>();
    private FileChannel segment;
    private Path segmentPath;
    private long segmentNumber;
    private long firstQueuedAt;
    private boolean flushNow;
    private boolean recovered;
    private boolean closing;
    private Thread committer;
    private Path folder;

    /** A mark handed in, saved to the database or not yet. */
    public static final class Mark {
        private final Deliveries.Sent sent;
        private boolean done;
        private RuntimeException failure;

        private Mark(Deliveries.Sent sent) {
            this.sent = sent;
        }
    }

    void onStart(@Observes StartupEvent event) {
        recover();
    }

    /** Records that the server accepted a message: in the journal before this returns, in the database soon. */
    public Mark add(Deliveries.Sent sent) {
        recover();
        Mark mark = new Mark(sent);
        synchronized (lock) {
            try {
                if (segment == null) {
                    Files.createDirectories(folder());
                    segmentPath = folder().resolve(String.format("sent-%06d.journal", ++segmentNumber));
                    segment = FileChannel.open(segmentPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                }
                String line = sent.issueId() + " " + sent.subscriberId() + " " + sent.at().toEpochMilli() + " " + sent.messageId() + "\n";
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    segment.write(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write to the send journal in " + folder() + ": " + e.getMessage(), e);
            }
            if (queued.isEmpty()) {
                firstQueuedAt = System.nanoTime();
            }
            queued.add(mark);
            if (committer == null) {
                committer = new Thread(this::commitLoop, "sent-marks");
                committer.setDaemon(true);
                committer.start();
            }
            if (queued.size() >= FLUSH_AT) {
                lock.notifyAll();
            }
        }
        return mark;
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
            Path saved;
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
                saved = closeSegment();
            }
            try {
                deliveries.sent(group.stream().map(m -> m.sent).toList());
            } catch (RuntimeException e) {
                boolean giveUp;
                synchronized (lock) {
                    giveUp = closing;
                    if (!giveUp) {
                        // saved with the next group: marks are never dropped while the process runs (a worker hands
                        // a batch back only once its marks are saved, so a dropped mark would mean a second copy)
                        group.addAll(queued);
                        queued = group;
                        unsavedSegments.add(saved);
                        firstQueuedAt = System.nanoTime();
                    }
                }
                if (giveUp) {
                    LOG.errorf(e, "Could not save %d sent marks before stopping; they stay in the journal in %s for the next start", group.size(), folder());
                    finish(group, e);
                    return;
                }
                LOG.errorf(e, "Could not save %d sent marks; trying again in a second (they are safe in the journal in %s)", group.size(), folder());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    synchronized (lock) {
                        closing = true;
                    }
                }
                continue;
            }
            List<Path> done;
            synchronized (lock) {
                done = new ArrayList<>(unsavedSegments);
                unsavedSegments.clear();
            }
            done.add(saved);
            for (Path segment : done) {
                try {
                    if (segment != null) {
                        Files.deleteIfExists(segment);
                    }
                } catch (IOException e) {
                    LOG.warnf("Could not delete the saved journal segment %s: %s", segment, e.getMessage());
                }
            }
            finish(group, null);
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

    private Path closeSegment() {
        Path path = segmentPath;
        try {
            if (segment != null) {
                segment.close();
            }
        } catch (IOException e) {
            LOG.warnf("Could not close the journal segment %s: %s", path, e.getMessage());
        }
        segment = null;
        segmentPath = null;
        return path;
    }

    /** Saves the marks a crashed run left in the journal, once, before this run marks anything. */
    void recover() {
        synchronized (lock) {
            if (recovered) {
                return;
            }
            recovered = true;
            if (!Files.isDirectory(folder())) {
                return;
            }
            List<Path> segments;
            try (Stream<Path> files = Files.list(folder())) {
                segments = files.filter(p -> p.getFileName().toString().endsWith(".journal")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the send journal in " + folder(), e);
            }
            for (Path p : segments) {
                // an in-memory database did not survive the crash either: its marks have no rows to go to
                List<Deliveries.Sent> marks = jdbcUrl.startsWith("jdbc:h2:mem:") ? List.of() : read(p);
                for (int i = 0; i < marks.size(); i += 1000) {
                    deliveries.sent(marks.subList(i, Math.min(marks.size(), i + 1000)));
                }
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not delete the replayed journal segment " + p, e);
                }
                LOG.infof("Saved %d sent marks left in %s by an earlier run", marks.size(), p.getFileName());
            }
        }
    }

    private static List<Deliveries.Sent> read(Path segment) {
        List<Deliveries.Sent> marks = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(segment, StandardCharsets.US_ASCII)) {
                String[] f = line.split(" ", 4);
                if (f.length == 4 && f[3].endsWith(">")) { // a line cut short by the crash: its message was in flight
                    marks.add(new Deliveries.Sent(Long.parseLong(f[0]), Long.parseLong(f[1]), f[3], Instant.ofEpochMilli(Long.parseLong(f[2]))));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("The send journal segment " + segment + " is unreadable: " + e.getMessage(), e);
        }
        return marks;
    }

    /** One folder per database, so a journal is never replayed into another database. */
    private Path folder() {
        if (folder != null) {
            return folder;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(jdbcUrl.getBytes(StandardCharsets.UTF_8));
            folder = Path.of(roundup.dataDir(), "send-journal", HexFormat.of().formatHex(hash, 0, 6));
            return folder;
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
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
