package dev.roundup.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.FeedServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not part of the suite: 500 feeds of 20 entries from a local server. Roundup's full fetch + parse + store
 * against a bare concurrent fetch of the same URLs at the same concurrency, then the all-304 re-fetch.
 * Run: {@code ./mvnw test -Dtest=FeedCollectionBenchmark}. Results: stdout and target/benchmarks/feeds.txt.
 */
@QuarkusTest
class FeedCollectionBenchmark {

    static final int FEEDS = Integer.getInteger("bench.feeds", 500);
    static final int ENTRIES = 20;
    static final int WARM_UP = 150;

    @Inject
    Feeds feeds;

    @Inject
    FeedCollector collector;

    @Inject
    FeedsConfig config;

    @Test
    void fetchParseStoreVersusBareFetch() throws Exception {
        try (FeedServer server = FeedServer.start()) {
            // warm the JIT on the same code paths with other feeds first, as the bare client is warmed by its first run
            List<Long> warm = createFeeds(server, "/warm/", WARM_UP, 10_000);
            assertAllOk(collector.collect(warm));
            assertAllOk(collector.collect(warm));

            StringBuilder report = new StringBuilder(String.format("%d feeds x %d entries, concurrency %d, body %d bytes each%n",
                    FEEDS, ENTRIES, config.concurrency(), feed(0).length()));
            report.append(scenario(server, "/bench/", 0, 0));
            long latency = Long.getLong("bench.latencyMs", 150);
            server.latency(java.time.Duration.ofMillis(latency));
            report.append(scenario(server, "/slow/", 20_000, latency));
            System.out.println(report);
            Path out = Path.of("target/benchmarks/feeds.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    private String scenario(FeedServer server, String prefix, int firstBlog, long latency) throws Exception {
        List<Long> ids = createFeeds(server, prefix, FEEDS, firstBlog);
        List<String> urls = QuarkusTransaction.requiringNew().call(() -> ids.stream().map(id -> Feed.<Feed>findById(id).url).toList());
        long bareWarm = bareFetch(urls);
        long roundupFirst = time(() -> assertAllOk(collector.collect(ids)));
        long bare = Math.min(bareWarm, bareFetch(urls));
        long roundup304 = time(() -> assertAllOk(collector.collect(ids)));
        long stored = QuarkusTransaction.requiringNew().call(() -> Post.count("canonicalUrl like ?1 and id in "
                + "(select s.post.id from PostSource s where s.feed.id in ?2)", "https://bench.example/%", ids));
        assertEquals((long) FEEDS * ENTRIES, stored);
        long notModified = QuarkusTransaction.requiringNew().call(() -> Feed.count("lastStatus = 304 and id in ?1", ids));
        assertEquals(FEEDS, notModified);
        return String.format("""
                server latency %d ms:
                  bare concurrent fetch (JDK HttpClient, best of 2): %d ms
                  Roundup fetch + parse + sanitize + store:          %d ms  -> %.2fx the bare fetch
                  Roundup re-fetch, all 304:                          %d ms  -> %.1f%% of the first fetch
                """, latency, bare, roundupFirst, (double) roundupFirst / bare, roundup304, 100.0 * roundup304 / roundupFirst);
    }

    private List<Long> createFeeds(FeedServer server, String prefix, int count, int firstBlog) {
        List<String> urls = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            server.serve(prefix + f + ".xml", "application/rss+xml", feed(firstBlog + f).getBytes(StandardCharsets.UTF_8));
            urls.add(server.url(prefix + f + ".xml"));
        }
        return QuarkusTransaction.requiringNew().call(() -> urls.stream().map(u -> feeds.create(u, null, null).id).toList());
    }

    private static void assertAllOk(List<FeedCollector.Outcome> outcomes) {
        outcomes.forEach(o -> assertTrue(o.ok(), o.toString()));
    }

    private long bareFetch(List<String> urls) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(config.concurrency());
        try {
            long start = System.nanoTime();
            List<Future<Integer>> futures = new ArrayList<>();
            for (String url : urls) {
                futures.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body().length));
            }
            for (Future<Integer> f : futures) {
                assertTrue(f.get() > 0);
            }
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            pool.shutdown();
        }
    }

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    static String feed(int f) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<channel><title>Bench blog " + f + "</title><link>https://bench.example/" + f + "/</link><description>d</description>\n");
        Instant base = Instant.parse("2026-03-15T12:00:00Z");
        for (int e = 0; e < ENTRIES; e++) {
            sb.append("<item><title>Post ").append(e).append(" of blog ").append(f).append(": building things with Django</title>")
                    .append("<link>https://bench.example/").append(f).append("/posts/").append(e).append("/</link>")
                    .append("<guid>bench-").append(f).append('-').append(e).append("</guid>")
                    .append("<dc:creator>Author ").append(f).append("</dc:creator>")
                    .append("<pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(base.minusSeconds(3600L * e).atOffset(ZoneOffset.UTC)))
                    .append("</pubDate><content:encoded><![CDATA[<p>This is post ").append(e)
                    .append(". It talks about <a href=\"/docs/\">models</a>, <em>views</em> and templates, with a little code:</p>")
                    .append("<pre><code>def view(request):\n    return render(request, 'x.html')</code></pre>")
                    .append("<p>And a second paragraph, long enough to make an excerpt worth cutting at sixty words. ")
                    .append("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore ")
                    .append("et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris.</p>]]>")
                    .append("</content:encoded></item>\n");
        }
        return sb.append("</channel></rss>").toString();
    }
}
