package dev.roundup.subscribers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.CharArrayWriter;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not part of the suite: import 100,000 CSV rows, then export them.
 * Run: {@code ./mvnw test -Dtest=SubscriberCsvBenchmark}. Results: stdout and target/benchmarks/subscribers.txt.
 */
@QuarkusTest
class SubscriberCsvBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 100_000);

    @Inject
    SubscriberCsv csv;

    @Test
    void importAndExport() throws Exception {
        StringBuilder file = new StringBuilder(ROWS * 40).append("email,name\n");
        for (int i = 0; i < ROWS; i++) {
            file.append("reader").append(i).append("@bench.example.org,Reader Number ").append(i).append('\n');
        }
        long start = System.nanoTime();
        SubscriberCsv.ImportReport report = csv.importCsv(new StringReader(file.toString()), SubscriberCsv.Mode.CONFIRMED, false, false);
        long importMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ROWS, report.added());

        CharArrayWriter out = new CharArrayWriter(ROWS * 100);
        start = System.nanoTime();
        csv.export(SubscriberDirectory.Filter.of("@bench.example.org", null), out);
        long exportMs = (System.nanoTime() - start) / 1_000_000;
        long lines = out.toString().lines().count() - 1;
        assertEquals(ROWS, lines);

        String result = String.format("""
                CSV import of %,d rows (%,d bytes), mode confirmed: %,d ms = %,.0f rows/s
                CSV export of the same %,d rows (streamed, 1,000 per query): %,d ms = %,.0f rows/s
                """, ROWS, file.length(), importMs, ROWS * 1000.0 / importMs, lines, exportMs, lines * 1000.0 / exportMs);
        System.out.println(result);
        Path report2 = Path.of("target/benchmarks/subscribers.txt");
        Files.createDirectories(report2.getParent());
        Files.writeString(report2, result);
    }
}
