package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

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
        Jdbc database = new Jdbc(); // not "jdbc": inside a Deliveries that name is its own (empty) field
        database.dataSource = (AgroalDataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AgroalDataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return DriverManager.getConnection(url, "sa", "");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
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
        int tries = 1;
        while (!marks.recover()) {
            Thread.sleep(100); // tried again at most once a second
            tries++;
        }
        assertEquals(List.of(70L), saved, "saved on a later try");
        assertEquals(List.of(), marks.storage.segments());
        assertTrue(tries > 1);
        assertTrue(marks.recover(), "and stays recovered");
        assertEquals(List.of(70L), saved, "replayed once");
        marks.close();
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
