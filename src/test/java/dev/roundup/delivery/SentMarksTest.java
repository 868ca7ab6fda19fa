package dev.roundup.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;


/**
 * "Sent" marks survive a database that refuses them for a while: they are saved once it answers again, and a worker
 * waiting for them (before it hands its batch back) returns only then, so nothing sent is ever offered again. A
 * journal segment is deleted only once its marks would survive a kill, and the marks a crashed run left count as
 * recovered only once they are saved.
 */
class SentMarksTest {

    @Test
    void marksTheDatabaseRefusedAreSavedLaterAndWaitersWaitForThat() throws Exception {
        Path data = Files.createTempDirectory("sent-marks");
        List<Long> saved = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refusals = new AtomicInteger(2);
        SentMarks marks = marks(data, new Deliveries() {
            @Override
            public void sent(List<Sent> sent) {
                if (refusals.getAndDecrement() > 0) {
                    throw new IllegalStateException("database down");
                }
                sent.forEach(s -> saved.add(s.subscriberId()));
            }
        }, commitsOnDisk());

        long started = System.nanoTime();
        marks.add(new Deliveries.Sent(1, 10, "<a@roundup.test>", Instant.now()));
        SentMarks.Mark last = marks.add(new Deliveries.Sent(1, 11, "<b@roundup.test>", Instant.now()));
        marks.await(last);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(List.of(10L, 11L), saved, "each mark saved once, after the refusals");
        assertTrue(seconds >= 1.9, "the waiter returned only once the marks were saved, after two refusals a second apart: " + seconds);
        assertEquals(List.of(), marks.storage.segments(), "saved segments are deleted");
        marks.close();
    }

    /**
     * Nobody waits: marks still reach the database within about {@link SentMarks#FLUSH_EVERY_MILLIS}, also after the
     * committer found nothing to do. (It used to sleep, once idle, until 1,000 marks or a worker's wait: a backup made
     * during a send then had a whole batch of readers as unsent.)
     */
    @Test
    void marksReachTheDatabaseSoonWithoutAnyoneWaiting() throws Exception {
        List<Long> saved = Collections.synchronizedList(new ArrayList<>());
        SentMarks marks = marks(Files.createTempDirectory("sent-marks-soon"), savingInto(saved), commitsOnDisk());
        for (long reader = 1; reader <= 3; reader++) {
            marks.add(new Deliveries.Sent(1, reader, "<" + reader + "@roundup.test>", Instant.now()));
            long r = reader;
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> saved.contains(r));
            Thread.sleep(3 * SentMarks.FLUSH_EVERY_MILLIS); // the committer idles with nothing queued
        }
        marks.close();
    }

    /**
     * H2 without {@code WRITE_DELAY=0} (the URL an operator writes) keeps commits in memory for half a second; a
     * kill then loses them. {@code SHUTDOWN IMMEDIATELY} closes H2 without writing anything, as a kill does.
     */
    @Test
    void aSegmentIsDeletedOnlyOnceItsMarksWouldSurviveAKillOfAnH2WithAWriteDelay() throws Exception {
        Path data = Files.createTempDirectory("sent-marks-h2");
        String url = "jdbc:h2:file:" + data.resolve("db") + ";WRITE_DELAY=60000"; // the write delay, made long enough not to pass by chance
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("create table delivered (subscriber_id bigint primary key)");
            st.execute("checkpoint");
        }
        Connection held = DriverManager.getConnection(url, "sa", ""); // keeps the database open, as the pool does
        Jdbc database = DurablePointTest.jdbc(url, "sa", ""); // not "jdbc": inside a Deliveries that name is its own (empty) field
        DurablePoint durable = new DurablePoint();
        durable.jdbc = database;
        SentMarks marks = marks(data, new Deliveries() {
            @Override
            public void sent(List<Sent> sent) {
                database.inTransaction(c -> {
                    try (PreparedStatement insert = c.prepareStatement("insert into delivered values (?)")) {
                        for (Sent s : sent) {
                            insert.setLong(1, s.subscriberId());
                            insert.addBatch();
                        }
                        return insert.executeBatch();
                    }
                });
            }
        }, durable);
        durable.check();

        marks.add(new Deliveries.Sent(1, 10, "<a@roundup.test>", Instant.now()));
        marks.await(marks.add(new Deliveries.Sent(1, 11, "<b@roundup.test>", Instant.now())));
        assertEquals(List.of(), marks.storage.segments(), "the segment is deleted once its marks are saved");
        try (Statement st = held.createStatement()) {
            st.execute("shutdown immediately");
        }
        marks.close();

        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("select count(*) from delivered")) {
            rows.next();
            assertEquals(2, rows.getInt(1), "the marks of a deleted segment survived the kill");
        }
    }

    @Test
    void marksACrashedRunLeftCountAsRecoveredOnlyOnceTheyAreSaved() throws Exception {
        Path data = Files.createTempDirectory("sent-marks-recovery");
        List<Long> saved = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refusals = new AtomicInteger(1);
        SentMarks marks = marks(data, new Deliveries() {
            @Override
            public void sent(List<Sent> sent) {
                if (refusals.getAndDecrement() > 0) {
                    throw new IllegalStateException("database not there yet");
                }
                sent.forEach(s -> saved.add(s.subscriberId()));
            }
        }, commitsOnDisk());
        marks.storage.append("sent-000001.journal", ("7 70 " + Instant.now().toEpochMilli() + " <left@roundup.test>\n").getBytes(StandardCharsets.US_ASCII));
        marks.storage.close("sent-000001.journal");

        assertFalse(marks.recover(), "not recovered while the marks could not be saved");
        assertEquals(List.of("sent-000001.journal"), marks.storage.segments(), "the segment is kept for the next try");
        assertTrue(marks.recover(), "saved on the next try");
        assertEquals(List.of(70L), saved);
        assertEquals(List.of(), marks.storage.segments());
        assertTrue(marks.recover(), "and stays recovered");
        assertEquals(List.of(70L), saved, "replayed once");
        marks.close();
    }

    /**
     * Two instances sharing a data folder: the segment one is writing is not the other's to replay (it would save marks
     * the first is about to save, and delete the segment before they are, so a kill of the first then repeats them).
     * A run is alive while its lock is held; that of a run that ended can be taken, and its segments are replayed.
     */
    @Test
    void anInstanceReplaysOnlyTheSegmentsOfRunsThatEnded() throws Exception {
        Path data = Files.createTempDirectory("sent-marks-shared");
        SentMarks first = marks(data, refusing("database slow"), commitsOnDisk()); // so its segment stays
        first.add(new Deliveries.Sent(1, 10, "<first@roundup.test>", Instant.now()));
        List<String> firstSegments = first.storage.segments();
        Path folder = data.resolve("send-journal");
        Files.write(folder.resolve("sent-1-2.lock"), new byte[0]); // a run that was killed: nobody holds its lock
        Files.writeString(folder.resolve("sent-1-2-000001.journal"), "1 20 " + Instant.now().toEpochMilli() + " <killed@roundup.test>\n");

        List<Long> saved = Collections.synchronizedList(new ArrayList<>());
        SentMarks second = marks(data, savingInto(saved), commitsOnDisk());
        assertTrue(second.recover());

        assertEquals(List.of(20L), saved, "only the killed run's mark is replayed");
        assertEquals(firstSegments, second.storage.segments(), "the first instance's segment is left to it");
        assertFalse(Files.exists(folder.resolve("sent-1-2.lock")), "the killed run is forgotten");
        first.close();
        second.close();
    }

    /**
     * The journal and then the database fail while this instance stops: the worker gets its mark back with the reason
     * rather than an exception, and a worker still running once the committer has stopped is not left waiting.
     */
    @Test
    void aWorkerWhoseMarkNothingCouldTakeGetsItBackWithTheReasonAlsoAfterClose() throws Exception {
        Path data = Files.createTempDirectory("sent-marks-stopping");
        SentMarks marks = marks(data, refusing("database gone"), commitsOnDisk());
        marks.storage = new JournalFiles(data.resolve("send-journal")) {
            @Override
            public void append(String segment, byte[] bytes) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<SentMarks.Mark> before = worker.submit(() -> marks.add(new Deliveries.Sent(1, 10, "<a@roundup.test>", Instant.now())));
            marks.close();
            String reason = before.get(30, TimeUnit.SECONDS).journalTrouble(); // a guard against hanging, not a timing
            assertTrue(reason.contains("No space left on device") && reason.contains("database gone"), reason);

            Future<SentMarks.Mark> after = worker.submit(() -> marks.add(new Deliveries.Sent(1, 11, "<b@roundup.test>", Instant.now())));
            reason = after.get(30, TimeUnit.SECONDS).journalTrouble();
            assertTrue(reason.contains("database gone"), reason);
        } finally {
            worker.shutdownNow();
        }
    }

    /** A mark the committer gave up on at close stays in the journal, also when a later mark is saved after all. */
    @Test
    void aSegmentGivenUpOnAtCloseStaysForTheNextStart() throws Exception {
        Path data = Files.createTempDirectory("sent-marks-given-up");
        AtomicBoolean up = new AtomicBoolean();
        List<Long> saved = Collections.synchronizedList(new ArrayList<>());
        Deliveries saving = savingInto(saved);
        SentMarks marks = marks(data, new Deliveries() {
            @Override
            public void sent(List<Sent> sent) {
                if (!up.get()) {
                    throw new IllegalStateException("database gone");
                }
                saving.sent(sent);
            }
        }, commitsOnDisk());
        marks.add(new Deliveries.Sent(1, 10, "<a@roundup.test>", Instant.now()));
        List<String> givenUp = marks.storage.segments();
        marks.close();

        up.set(true);
        SentMarks.Mark later = marks.add(new Deliveries.Sent(1, 11, "<b@roundup.test>", Instant.now())); // a worker still running
        CompletableFuture.runAsync(() -> {
            try {
                marks.await(later);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(30, TimeUnit.SECONDS); // a guard against waiting for ever, not a timing
        assertEquals(List.of(11L), saved);
        assertTrue(marks.storage.segments().containsAll(givenUp), "the mark given up on is still in the journal");
    }

    /** A segment with a line that is no mark (here a byte no journal writes): the others are saved, the segment set aside. */
    @Test
    void aGarbledSegmentGivesTheMarksItHasAndIsSetAside() throws Exception {
        Path data = Files.createTempDirectory("sent-marks-garbled");
        List<Long> saved = Collections.synchronizedList(new ArrayList<>());
        SentMarks marks = marks(data, savingInto(saved), commitsOnDisk());
        long at = Instant.now().toEpochMilli();
        marks.storage.append("sent-000001.journal", ("7 70 " + at + " <a@roundup.test>\n7 7\u00e9 " + at + " <b@roundup.test>\n7 72 " + at
                + " <c@roundup.test>\n7 73 " + at + " <cut-sh").getBytes(StandardCharsets.UTF_8));
        marks.storage.close("sent-000001.journal");

        assertTrue(marks.recover(), "recovered, not stopped for good");
        assertEquals(List.of(70L, 72L), saved, "the lines that parse are saved");
        assertEquals(List.of(), marks.storage.segments());
        assertTrue(Files.exists(data.resolve("send-journal/sent-000001.journal.unreadable")), "set aside for the operator");
        marks.close();
    }

    /** Its marks are saved and on disk: that the segment cannot be deleted then only means replaying it again later. */
    @Test
    void aSegmentThatCannotBeDeletedOnceItsMarksAreSavedCountsAsRecovered() throws Exception {
        Path data = Files.createTempDirectory("sent-marks-undeletable");
        List<Long> saved = Collections.synchronizedList(new ArrayList<>());
        SentMarks marks = marks(data, savingInto(saved), commitsOnDisk());
        marks.storage = new JournalFiles(data.resolve("send-journal")) {
            @Override
            public void delete(String segment) throws IOException {
                throw new java.nio.file.AccessDeniedException(segment);
            }
        };
        marks.storage.append("sent-000001.journal", ("7 70 " + Instant.now().toEpochMilli() + " <left@roundup.test>\n").getBytes(StandardCharsets.US_ASCII));
        marks.storage.close("sent-000001.journal");

        assertTrue(marks.recover());
        assertEquals(List.of(70L), saved);
        assertTrue(marks.recover(), "and stays recovered");
        assertEquals(List.of(70L), saved, "not replayed again in this run");
        marks.close();
    }

    /** Deliveries that save nothing. */
    private static Deliveries refusing(String why) {
        return new Deliveries() {
            @Override
            public void sent(List<Sent> sent) {
                throw new IllegalStateException(why);
            }
        };
    }

    /** Deliveries that note which readers' marks they saved. */
    private static Deliveries savingInto(List<Long> saved) {
        return new Deliveries() {
            @Override
            public void sent(List<Sent> sent) {
                sent.forEach(s -> saved.add(s.subscriberId()));
            }
        };
    }

    /** A database whose commits are on disk when they return (PostgreSQL, H2 with WRITE_DELAY=0). */
    private static DurablePoint commitsOnDisk() {
        return new DurablePoint() {
            @Override
            void reach() {
            }
        };
    }

    private static SentMarks marks(Path data, Deliveries deliveries, DurablePoint durable) {
        SentMarks marks = new SentMarks();
        marks.deliveries = deliveries;
        marks.storage = new JournalFiles(data.resolve("send-journal"));
        marks.durable = durable;
        marks.jdbcUrl = "jdbc:h2:file:" + data.resolve("db");
        return marks;
    }
}
