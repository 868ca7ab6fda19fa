package dev.roundup.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import dev.roundup.testing.FeedServer;
import dev.roundup.testing.PackagedApp;

/**
 * The packaged app on the README's small-VPS JVM settings survives editors adding four 9 MB feeds of 130,000 entries
 * at once: no OutOfMemoryError, the database stays open, and a public page keeps answering within a second.
 */
@DisabledIfEnvironmentVariable(named = "ROUNDUP_DB_KIND", matches = "postgresql", disabledReason = "runs the packaged H2 build")
class LargeFeedsMemoryIT {

    static final List<String> SMALL_VPS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=64m",
            "-XX:MaxMetaspaceSize=160m", "-XX:MaxDirectMemorySize=32m");
    static final int FEEDS = 4;
    static final int ENTRIES = 130_000;
    static final String EMAIL = "memory@example.org";
    static final String PASSWORD = "memory-test-password";

    /** A feed of {@code entries} short items, all with links of their own blog, about 9 MB. */
    static byte[] hugeFeed(int blog, int entries) {
        StringBuilder b = new StringBuilder(entries * 80).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
                .append("<title>Prolific ").append(blog).append("</title><link>https://big").append(blog).append(".example/</link>")
                .append("<description>d</description>");
        for (int i = 0; i < entries; i++) {
            b.append("<item><title>#").append(i).append("</title><link>https://big").append(blog).append(".example/").append(i)
                    .append("</link></item>\n");
        }
        return b.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fourHugeFeedsAddedAtOnceLeaveTheAppUpAndResponsive() throws Exception {
        try (FeedServer blogs = FeedServer.start();
                PackagedApp app = new PackagedApp(Files.createTempDirectory("roundup-memory"))) {
            for (int i = 0; i < FEEDS; i++) {
                byte[] feed = hugeFeed(i, ENTRIES);
                assertTrue(feed.length > 9_000_000 && feed.length < 10_000_000, "about 9 MB: " + feed.length);
                blogs.serve("/huge/" + i + ".xml", "application/rss+xml", feed);
            }
            SMALL_VPS.forEach(app::jvm);
            app.env("ROUNDUP_ADMIN_EMAIL", EMAIL).env("ROUNDUP_ADMIN_PASSWORD", PASSWORD)
                    .env("ROUNDUP_FEEDS_ALLOW_PRIVATE_ADDRESSES", "true").env("ROUNDUP_FEEDS_CHECK_EVERY", "off")
                    .env("ROUNDUP_ISSUES_DRAFT_CRON", "off").start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String basic = "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

            ExecutorService editors = Executors.newFixedThreadPool(FEEDS);
            List<Future<HttpResponse<String>>> adds = new ArrayList<>();
            for (int i = 0; i < FEEDS; i++) {
                HttpRequest add = HttpRequest.newBuilder(URI.create(app.url("/api/feeds"))).timeout(Duration.ofSeconds(120))
                        .header("Authorization", basic).header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + blogs.url("/huge/" + i + ".xml") + "\"}")).build();
                adds.add(editors.submit(() -> http.send(add, HttpResponse.BodyHandlers.ofString())));
            }
            long slowest = 0;
            int probes = 0;
            while (adds.stream().anyMatch(f -> !f.isDone())) {
                long started = System.nanoTime();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(app.url("/subscribe")))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(200, page.statusCode(), "/subscribe while the feeds are read");
                slowest = Math.max(slowest, millis);
                probes++;
                Thread.sleep(100);
            }
            editors.shutdown();
            System.out.printf("%d adds of %d entries at once: /subscribe answered %d times during them, the slowest in %d ms%n",
                    FEEDS, ENTRIES, probes, slowest);

            for (Future<HttpResponse<String>> f : adds) {
                HttpResponse<String> r = f.get();
                assertEquals(201, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"lastNewPosts\":100"), "the first 100 entries stored: " + r.body());
                assertTrue(r.body().contains("\"lastSkippedEntries\":" + (ENTRIES - 100)), r.body());
            }
            assertTrue(slowest < 1000, "/subscribe answered within a second during the adds, slowest " + slowest + " ms");
            HttpResponse<String> river = http.send(HttpRequest.newBuilder(URI.create(app.url("/river"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, river.statusCode(), "the database still answers");
            HttpResponse<String> feeds = http.send(HttpRequest.newBuilder(URI.create(app.url("/api/feeds"))).header("Authorization", basic)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, feeds.statusCode());
            assertEquals(FEEDS, feeds.body().split("\"health\":\"ok\"", -1).length - 1, feeds.body());
            String log = app.log();
            assertFalse(log.contains("OutOfMemoryError"), log);
            assertFalse(log.contains("The database has been closed"), log);
        }
    }
}
