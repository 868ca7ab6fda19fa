package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.roundup.RoundupConfig;

/**
 * "Sent" marks survive a database that refuses them for a while: they are saved once it answers again, and a worker
 * waiting for them (before it hands its batch back) returns only then, so nothing sent is ever offered again.
 */
class SentMarksTest {

    @Test
    void marksTheDatabaseRefusedAreSavedLaterAndWaitersWaitForThat() throws Exception {
        Path data = Files.createTempDirectory("sent-marks");
        List<Long> saved = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refusals = new AtomicInteger(2);
        SentMarks marks = new SentMarks();
        marks.deliveries = new Deliveries() {
            @Override
            public void sent(List<Sent> sent) {
                if (refusals.getAndDecrement() > 0) {
                    throw new IllegalStateException("database down");
                }
                sent.forEach(s -> saved.add(s.subscriberId()));
            }
        };
        marks.roundup = (RoundupConfig) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RoundupConfig.class},
                (proxy, method, args) -> method.getName().equals("dataDir") ? data.toString() : null);
        marks.jdbcUrl = "jdbc:h2:file:" + data.resolve("db");

        long started = System.nanoTime();
        marks.add(new Deliveries.Sent(1, 10, "<a@roundup.test>", Instant.now()));
        SentMarks.Mark last = marks.add(new Deliveries.Sent(1, 11, "<b@roundup.test>", Instant.now()));
        marks.await(last);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(List.of(10L, 11L), saved, "each mark saved once, after the refusals");
        assertTrue(seconds >= 1.9, "the waiter returned only once the marks were saved, after two refusals a second apart: " + seconds);
        try (Stream<Path> left = Files.walk(data)) {
            assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".journal")).toList(), "saved segments are deleted");
        }
        marks.close();
    }
}
