package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import dev.roundup.testing.FeedServer;
import dev.roundup.testing.PackagedApp;
import dev.roundup.testing.SmtpSink;

/**
 * Benchmark, not part of the suite: what a second instance adds when sending waits on the relay, not on this
 * machine's cores. Each instance sends through 4 connections into a sink of its own that answers each message only
 * after 50 ms, as a remote relay does. One instance sends an issue to N readers, then two instances sharing one
 * PostgreSQL database send it together (each run on a fresh database, after a warm-up send); the pair's ratio is
 * two instances' rate over one's. Needs PostgreSQL, at build and at run (see docs/performance.md). Run:
 * {@code ./mvnw test -Dtest=ScaleOutBenchmark} ({@code -Dscale.readers=3000}, {@code -Dscale.pairs=2},
 * {@code -Dscale.delay-ms=50}; {@code -Dsend.env.NAME=value} and {@code -Dsend.jvm} as for {@link SendBenchmark}).
 * Results: stdout and target/benchmarks/scale-out.txt.
 */
@EnabledIfEnvironmentVariable(named = "ROUNDUP_DB_KIND", matches = "postgresql", disabledReason = "several instances need PostgreSQL")
class ScaleOutBenchmark {

    static final int READERS = Integer.getInteger("scale.readers", 3000);
    static final int PAIRS = Integer.getInteger("scale.pairs", 2);
    static final Duration DELAY = Duration.ofMillis(Long.getLong("scale.delay-ms", 50));
    /** The warm-up send's delay: short, so it is quick, but long enough that every instance joins it. */
    static final Duration WARM_UP_DELAY = Duration.ofMillis(5);
    static final int CONNECTIONS = 4;
    static final int PER_CONNECTION = 200;

    private final StringBuilder report = new StringBuilder();

    @Test
    void twoInstancesOnOneDatabaseAgainstOne() throws Exception {
        line("%,d readers, %d connections an instance, each message answered after %d ms: the latency bound is %.0f msg/s an instance",
                READERS, CONNECTIONS, DELAY.toMillis(), CONNECTIONS * 1e9 / DELAY.toNanos());
        List<Double> ratios = new ArrayList<>();
        try (FeedServer feeds = FeedServer.start()) {
            for (int pair = 1; pair <= PAIRS; pair++) {
                // which goes first alternates, so neither always runs on a machine the other left busier
                Run one = pair % 2 == 1 ? run(feeds, 1) : null;
                Run two = run(feeds, 2);
                if (one == null) {
                    one = run(feeds, 1);
                }
                double ratio = two.rate() / one.rate();
                ratios.add(ratio);
                line("Pair %d. One instance: %s", pair, one);
                line("Pair %d. Two instances: %s", pair, two);
                line("Pair %d. Ratio two / one: %.2f×", pair, ratio);
            }
        }
        line("Ratio two instances / one: %s", ratios.stream().map(r -> String.format("%.2f×", r)).toList());
        Path out = Path.of("target/benchmarks/scale-out.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    /** What one instance's sink saw of a send: how many, and when the first and the last arrived (s after the request). */
    record Share(long messages, double firstAt, double lastAt) {
        @Override
        public String toString() {
            return String.format("%,d messages, first at %.2f s, last at %.2f s", messages, firstAt, lastAt);
        }
    }

    /** One measured send: its time, each instance's share, readers who got it twice, and the cores busy meanwhile. */
    record Run(double seconds, List<Share> shares, long duplicates, double coresBusy) {
        double rate() {
            return READERS / seconds;
        }

        @Override
        public String toString() {
            return String.format("%,d messages in %.2f s = %.1f msg/s (%.0f %% of the latency bound); %s; %d readers got it twice; cores busy "
                    + "(apps, database, sinks) %.2f", READERS, seconds, rate(), 100 * rate() / (shares.size() * CONNECTIONS * 1e9 / DELAY.toNanos()),
                    shares, duplicates, coresBusy);
        }
    }

    /** {@code instances} apps on a fresh database, each with its own sink: a warm-up send, then the measured one. */
    private Run run(FeedServer feeds, int instances) throws Exception {
        String database = BenchmarkApp.database("scale");
        List<SmtpSink> sinks = new ArrayList<>();
        List<PackagedApp> apps = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                SmtpSink sink = SmtpSink.countingOnly();
                sinks.add(sink);
                apps.add(BenchmarkApp.app(sink, database, CONNECTIONS, PER_CONNECTION).start()); // one by one: the first migrates
            }
            PackagedApp first = apps.get(0);
            BenchmarkApp.addFeeds(first, feeds, 2);
            BenchmarkApp.importReaders(first, READERS);
            sinks.forEach(s -> s.answeringEachMessageAfter(WARM_UP_DELAY));
            send(first, sinks, apps, database, 0); // the JIT's first compilations, on every instance
            sinks.forEach(s -> s.answeringEachMessageAfter(DELAY));
            return send(first, sinks, apps, database, 1);
        } finally {
            for (PackagedApp app : apps) {
                app.close();
            }
            for (SmtpSink sink : sinks) {
                sink.close();
            }
            BenchmarkApp.drop(database);
        }
    }

    private Run send(PackagedApp first, List<SmtpSink> sinks, List<PackagedApp> apps, String database, int issue) throws Exception {
        sinks.forEach(SmtpSink::reset);
        long issueId = BenchmarkApp.createIssue(first, issue);
        long[] appTicks = apps.stream().mapToLong(a -> BenchmarkApp.cpuTicks(a.pid())).toArray();
        long testJvmNanos = processCpuNanos();
        Map<Long, Long> databaseTicks = BenchmarkApp.databaseCpuTicks(database);
        long started = System.nanoTime();
        BenchmarkApp.send(first, issueId);
        int n = sinks.size();
        long[] seen = new long[n];
        double[] firstAt = new double[n];
        double[] lastAt = new double[n];
        long total = 0;
        while (total < READERS) {
            Thread.sleep(20); // the end is seen within 20 ms
            double at = (System.nanoTime() - started) / 1e9;
            total = 0;
            for (int i = 0; i < n; i++) {
                long count = sinks.get(i).messageCount();
                if (count > seen[i]) {
                    firstAt[i] = seen[i] == 0 ? at : firstAt[i];
                    lastAt[i] = at;
                    seen[i] = count;
                }
                total += count;
            }
            if (at > 1800) {
                throw new IllegalStateException("send did not finish: " + total + "\n" + first.log());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long ticks = 0;
        for (int i = 0; i < n; i++) {
            ticks += BenchmarkApp.cpuTicks(apps.get(i).pid()) - appTicks[i];
        }
        ticks += BenchmarkApp.ticksBetween(databaseTicks, BenchmarkApp.databaseCpuTicks(database));
        double cores = (ticks / 100.0 + (processCpuNanos() - testJvmNanos) / 1e9) / seconds;
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"done".equals(BenchmarkApp.sendState(first, issueId)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("done", BenchmarkApp.sendState(first, issueId), first.log());
        Map<String, Integer> copies = new HashMap<>();
        sinks.forEach(s -> s.received().forEach(m -> m.recipients().forEach(r -> copies.merge(r, 1, Integer::sum))));
        assertEquals(READERS, copies.size(), "every reader got the issue");
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shares.add(new Share(sinks.get(i).messageCount(), firstAt[i], lastAt[i]));
        }
        return new Run(seconds, shares, copies.values().stream().filter(c -> c > 1).count(), cores);
    }

    /** This JVM's CPU time: while the apps send, mostly the sinks'. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void line(String format, Object... args) {
        String s = String.format(format, args);
        System.out.println(s);
        report.append(s).append('\n');
    }
}
