package dev.roundup.delivery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.roundup.mail.NoDelaySocketFactory;
import dev.roundup.testing.FeedServer;
import dev.roundup.testing.PackagedApp;
import dev.roundup.testing.SmtpSink;

/**
 * Benchmark, not part of the suite: the packaged app sends an issue (12 posts) to N subscribers through 4 reused
 * connections into a local SMTP sink, against a bare Angus loop sending the same message over 4 reused connections
 * to the same sink; and the app's heap and RSS while it sends. After the warm-ups, measured Roundup sends and bare
 * loops alternate, each started on a quiet machine, and the ratio reported is the median of the pairs. Run:
 * {@code ./mvnw package -DskipTests && ./mvnw test -Dtest=SendBenchmark} ({@code -Dsend.readers=20000},
 * {@code -Dsend.memory-readers=100000}; 0 skips a part). With {@code ROUNDUP_DB_KIND=postgresql} and the other
 * {@code ROUNDUP_DB_*} variables, at build and at run, the app sends from PostgreSQL (see docs/performance.md).
 * Results: stdout and target/benchmarks/send.txt.
 */
class SendBenchmark {

    static final int READERS = Integer.getInteger("send.readers", 20_000);
    static final int MEMORY_READERS = Integer.getInteger("send.memory-readers", 100_000);
    /** Whole sends (and bare loops) before the measured ones: the JIT of a 2-core machine compiles for several. */
    static final int WARM_UPS = Integer.getInteger("send.warm-ups", 6);
    /** Measured pairs of a Roundup send and a bare loop. */
    static final int PAIRS = Integer.getInteger("send.pairs", 5);
    static final int CONNECTIONS = 4;
    static final int PER_CONNECTION = 200;

    private final StringBuilder report = new StringBuilder();
    private final AtomicLong bareCpuNanos = new AtomicLong();
    private double bareCoresBusy;

    @Test
    void sendAnIssueAgainstABareAngusLoopAndWatchMemory() throws Exception {
        if (READERS > 0) {
            compare();
        }
        if (MEMORY_READERS > 0) {
            String database = BenchmarkApp.database("memory");
            try (SmtpSink sink = SmtpSink.countingOnly(); FeedServer feeds = FeedServer.start();
                    PackagedApp app = start(sink, feeds, database, MEMORY_READERS, 1)) {
                Run big = send(app, sink, database, 0, MEMORY_READERS);
                line("Memory at %,d subscribers: %.0f msg/s; heap used (sampled every 500 ms) at 10/50/90 %%: %s MB; peak heap %d MB; peak RSS %d MB",
                        MEMORY_READERS, MEMORY_READERS / big.seconds(), big.heapAtProgress(), big.peakHeapMb(), big.peakRssMb());
            } finally {
                BenchmarkApp.drop(database);
            }
        }
        Path out = Path.of("target/benchmarks/send.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /** One send; {@code databaseCpuMsPerMessage} is PostgreSQL's backends (0 on H2, whose work is in the app's CPU). */
    record Run(double seconds, byte[] sample, long messageBytes, long peakHeapMb, long peakRssMb, String heapAtProgress, double cpuMsPerMessage,
            double databaseCpuMsPerMessage, double coresBusy) {
    }

    private void compare() throws Exception {
        String database = BenchmarkApp.database("send");
        try (SmtpSink sink = SmtpSink.countingOnly(); FeedServer feeds = FeedServer.start();
                PackagedApp app = start(sink, feeds, database, READERS, WARM_UPS + PAIRS)) {
            line("Database: %s", database == null ? "H2 (embedded file)" : "PostgreSQL");
            int issue = 0;
            byte[] sample = null;
            // a server sends for weeks: the first sends after a start pay for the JIT, so whole sends warm it up
            for (int w = 1; w <= WARM_UPS; w++) {
                Run warm = send(app, sink, database, issue++, READERS);
                sample = warm.sample();
                line("  warm-up send %d: %.0f msg/s (%,d bytes each), app CPU %.3f ms a message", w, READERS / warm.seconds(), warm.messageBytes(),
                        warm.cpuMsPerMessage());
            }
            for (int w = 1; w <= WARM_UPS; w++) {
                line("  bare warm-up %d: %.0f msg/s", w, bareAngusOnce(sample, READERS)); // the same warm-up as Roundup's
            }
            List<Double> ratios = new ArrayList<>();
            for (int pair = 1; pair <= PAIRS; pair++) {
                // which goes first alternates, so neither side always follows the other's leftovers (JIT, GC, sockets)
                double bare = 0;
                if (pair % 2 == 0) {
                    awaitQuiet(app);
                    bare = bareAngusOnce(sample, READERS);
                }
                awaitQuiet(app);
                Run roundup = send(app, sink, database, issue++, READERS);
                if (pair % 2 == 1) {
                    awaitQuiet(app);
                    bare = bareAngusOnce(roundup.sample(), READERS);
                }
                double ratio = READERS / roundup.seconds() / bare;
                ratios.add(ratio);
                line("Pair %d. Roundup: %,d messages (%,d bytes each) in %.2f s = %.0f msg/s; app CPU %.3f ms a message%s; cores busy (app, "
                        + "%ssink) %.2f; peak heap %d MB, peak RSS %d MB", pair, READERS, roundup.messageBytes(), roundup.seconds(), READERS / roundup.seconds(),
                        roundup.cpuMsPerMessage(), database == null ? "" : String.format(", PostgreSQL's backends %.3f ms", roundup.databaseCpuMsPerMessage()),
                        database == null ? "" : "database, ", roundup.coresBusy(), roundup.peakHeapMb(), roundup.peakRssMb());
                line("Pair %d. Bare Angus loop, same message, %d reused connections: %.0f msg/s; its sending threads' CPU %.3f ms a message; "
                        + "cores busy (loop and sink) %.2f. Ratio %.2f×", pair, CONNECTIONS, bare, bareCpuNanos.get() / 1e6 / READERS, bareCoresBusy, ratio);
            }
            List<Double> sorted = ratios.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            line("Ratio Roundup / bare: %.2f× (median of %d pairs; lowest %.2f×, highest %.2f×)", median, n, sorted.get(0), sorted.get(n - 1));
        } finally {
            BenchmarkApp.drop(database);
        }
    }

    /** The packaged app with N confirmed subscribers and a feed for each of {@code issues} weeks. */
    private static PackagedApp start(SmtpSink sink, FeedServer feeds, String database, int readers, int issues) throws Exception {
        PackagedApp app = BenchmarkApp.app(sink, database, CONNECTIONS, PER_CONNECTION).start();
        BenchmarkApp.addFeeds(app, feeds, issues);
        BenchmarkApp.importReaders(app, readers);
        return app;
    }

    /** Waits until the app has been idle for half a second (its JIT done with the last send), at most 10 s. */
    private static void awaitQuiet(PackagedApp app) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long before = BenchmarkApp.cpuTicks(app.pid());
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = BenchmarkApp.cpuTicks(app.pid());
            if (now - before <= 2) {
                return;
            }
            before = now;
        }
    }

    private Run send(PackagedApp app, SmtpSink sink, String database, int issue, int readers) throws Exception {
        sink.reset();
        long issueId = BenchmarkApp.createIssue(app, issue);

        long started = System.nanoTime();
        long cpuBefore = BenchmarkApp.cpuTicks(app.pid());
        long sinkCpuBefore = processCpuNanos();
        Map<Long, Long> databaseBefore = BenchmarkApp.databaseCpuTicks(database);
        BenchmarkApp.send(app, issueId);
        long peakHeap = 0;
        long peakRss = 0;
        List<String> atProgress = new ArrayList<>();
        int nextMark = 10;
        long nextSample = 0;
        while (sink.messageCount() < readers) {
            // the end is seen within 20 ms; the app's metrics are read twice a second (a scrape costs the app CPU)
            Thread.sleep(20);
            if (System.nanoTime() < nextSample) {
                continue;
            }
            nextSample = System.nanoTime() + 500_000_000L;
            long heap = heapUsed(app);
            peakHeap = Math.max(peakHeap, heap);
            peakRss = Math.max(peakRss, rssKb(app.pid()));
            long percent = sink.messageCount() * 100 / readers;
            if (percent >= nextMark && nextMark <= 90) {
                atProgress.add(String.valueOf(heap / 1024 / 1024));
                nextMark += 40;
            }
            if ((System.nanoTime() - started) / 1e9 > 1800) {
                throw new IllegalStateException("send did not finish: " + sink.messageCount() + "\n" + app.log());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(readers, sink.messageCount(), "every reader got it exactly once");
        double cpuMs = (BenchmarkApp.cpuTicks(app.pid()) - cpuBefore) * 10.0; // 100 ticks a second on Linux
        double testJvmCores = (processCpuNanos() - sinkCpuBefore) / 1e9 / seconds;
        double databaseCpuMs = BenchmarkApp.ticksBetween(databaseBefore, BenchmarkApp.databaseCpuTicks(database)) * 10.0;
        return new Run(seconds, sink.sample(), sink.byteCount() / readers, peakHeap / 1024 / 1024, peakRss / 1024, String.join("/", atProgress),
                cpuMs / readers, databaseCpuMs / readers, (cpuMs + databaseCpuMs) / 1000 / seconds + testJvmCores);
    }

    /** The same message over {@link #CONNECTIONS} connections, each reused for {@link #PER_CONNECTION} messages. */
    private double bareAngusOnce(byte[] sample, int readers) throws Exception {
        try (SmtpSink sink = SmtpSink.countingOnly()) {
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(sink.port()));
            props.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
            props.put("mail.smtp.socketFactory.fallback", "false");
            Session session = Session.getInstance(props);
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            long started = System.nanoTime();
            long processCpuBefore = processCpuNanos();
            bareCpuNanos.set(0);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                done.add(pool.submit(() -> {
                    long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(sample));
                    Transport transport = null;
                    int onThisConnection = 0;
                    for (int i = connection; i < readers; i += CONNECTIONS) {
                        if (transport == null) {
                            transport = session.getTransport("smtp");
                            transport.connect();
                        }
                        transport.sendMessage(message, new Address[] {new InternetAddress("bare" + i + "@bench.example.org")});
                        if (++onThisConnection == PER_CONNECTION) {
                            transport.close();
                            transport = null;
                            onThisConnection = 0;
                        }
                    }
                    if (transport != null) {
                        transport.close();
                    }
                    bareCpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            bareCoresBusy = (processCpuNanos() - processCpuBefore) / 1e9 / seconds;
            pool.shutdown();
            assertEquals(readers, sink.messageCount());
            return readers / seconds;
        }
    }

    private static long heapUsed(PackagedApp app) {
        String metrics = given().get(app.managementUrl("/q/metrics")).then().extract().asString();
        long sum = 0;
        for (String l : metrics.split("\n")) {
            if (l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\"")) {
                sum += (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** This JVM's CPU time: while the app sends, mostly the sink's. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long rssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception gone) {
            // the process ended
        }
        return 0;
    }

    private void line(String format, Object... args) {
        String s = String.format(format, args);
        System.out.println(s);
        report.append(s).append('\n');
    }
}
