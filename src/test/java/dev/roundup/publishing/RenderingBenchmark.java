package dev.roundup.publishing;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Drafts;
import dev.roundup.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not part of the suite: the personalised email (subject, HTML, text) for 20,000 subscribers, against
 * rendering the whole template for each. Run: {@code ./mvnw test -Dtest=RenderingBenchmark}.
 * Results: stdout and target/benchmarks/rendering.txt.
 */
@QuarkusTest
class RenderingBenchmark {

    static final int READERS = 20_000;

    @Inject
    Drafts drafts;

    @Inject
    IssueRenderer renderer;

    @Test
    void personaliseTwentyThousandCopies() throws Exception {
        LocalDate from = LocalDate.of(2022, 5, 2);
        for (int i = 0; i < 10; i++) {
            Fixtures.post("A post worth reading, number " + i, "https://bench-render.example.org/" + i,
                    from.plusDays(1).atTime(8 + i, 0).toInstant(ZoneOffset.UTC), 1);
        }
        long issueId = drafts.create(from, from.plusDays(7)).id;
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();

        for (int warm = 0; warm < 3; warm++) {
            renderer.render(issueId);
        }
        long t0 = System.nanoTime();
        RenderedIssue rendered = renderer.render(issueId);
        long renderOnceMs = (System.nanoTime() - t0) / 1_000_000;
        int bytes = 0;
        for (int i = 0; i < 2000; i++) {
            bytes += rendered.forReader("Reader " + i, "https://news.example.org/unsubscribe/token" + i).html().length();
        }
        long alloc0 = threads.getThreadAllocatedBytes(self);
        t0 = System.nanoTime();
        for (int i = 0; i < READERS; i++) {
            RenderedIssue.Message m = rendered.forReader("Reader " + i, "https://news.example.org/unsubscribe/token" + i);
            bytes += m.html().length() + m.text().length() + m.subject().length();
        }
        long personalNs = System.nanoTime() - t0;
        long allocPerMessage = (threads.getThreadAllocatedBytes(self) - alloc0) / READERS;

        int fullRenders = 200;
        t0 = System.nanoTime();
        for (int i = 0; i < fullRenders; i++) {
            bytes += renderer.render(issueId).forReader("Reader", "https://news.example.org/unsubscribe/x").html().length();
        }
        long fullNs = (System.nanoTime() - t0) / fullRenders;

        String report = String.format("""
                rendering the issue once (template, Markdown, CSS inlining, text): %d ms
                personalised copies (subject + HTML + text) for %,d readers: %,d ms = %,.0f messages/s, %,d bytes allocated per message
                for comparison, re-rendering the whole template per reader: %.1f ms each = %,.0f messages/s
                (checksum %d)
                """, renderOnceMs, READERS, personalNs / 1_000_000, READERS * 1e9 / personalNs, allocPerMessage, fullNs / 1e6,
                1e9 / fullNs, bytes % 1000);
        System.out.println(report);
        Path out = Path.of("target/benchmarks/rendering.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }
}
