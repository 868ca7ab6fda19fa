package dev.roundup.feeds;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.FeedServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Every way a feed can attack or break Roundup ends in that feed's health, while the other feeds and the app go on. */
@QuarkusTest
class HostileFeedsTest {

    static FeedServer blogs;

    @Inject
    Feeds feeds;

    @Inject
    FeedCollector collector;

    @BeforeAll
    static void start() {
        blogs = FeedServer.start();
        blogs.serve("/hostile/xxe.xml", "application/rss+xml", FeedServer.fixture("xxe.xml"))
                .serve("/hostile/laughs.xml", "application/rss+xml", FeedServer.fixture("laughs.xml"))
                // 11 MB from about 11 KB on the wire, just past the 10 MB cap: the decompressor inflates what arrived
                // before the cut-off is seen, and 64 MB of it raced the 3 s deadline on a loaded machine
                .gzipBomb("/hostile/bomb.xml", 11 * 1024 * 1024)
                .hugeBody("/hostile/huge.xml", 50L * 1024 * 1024)
                .silent("/hostile/silent.xml")
                .serve("/hostile/html.xml", "text/html; charset=utf-8", "<!DOCTYPE html><html><body><p>Not a feed</p></body></html>".getBytes())
                .serve("/hostile/empty.xml", "application/rss+xml", new byte[0])
                .serve("/hostile/broken.xml", "application/rss+xml", "<rss version=\"2.0\">\n<channel>\n<title>Broken</title></chanel></rss>".getBytes())
                .serve("/hostile/good.xml", "application/rss+xml", ("<rss version=\"2.0\"><channel><title>Good neighbour</title>"
                        + "<link>https://good.example/</link><description>d</description><item><title>Still collected</title>"
                        + "<link>https://good.example/still</link></item></channel></rss>").getBytes());
    }

    @AfterAll
    static void stop() {
        blogs.close();
    }

    @Test
    void eachHostileFeedFailsAloneWithAClearReason() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/hostile/xxe.xml", "DOCTYPE");
        expected.put("/hostile/laughs.xml", "DOCTYPE");
        expected.put("/hostile/bomb.xml", "larger than 10 MB (after decompression)");
        expected.put("/hostile/huge.xml", "larger than 10 MB (after decompression)");
        expected.put("/hostile/silent.xml", "timed out after 3 s");
        expected.put("/hostile/html.xml", "not a feed: got text/html");
        expected.put("/hostile/empty.xml", "empty response");
        expected.put("/hostile/broken.xml", "XML error at line 3");
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String path : expected.keySet()) {
            ids.put(path, QuarkusTransaction.requiringNew().call(() -> feeds.create(blogs.url(path), null, null).id));
        }
        long good = QuarkusTransaction.requiringNew().call(() -> feeds.create(blogs.url("/hostile/good.xml"), null, null).id);

        List<Long> all = new java.util.ArrayList<>(ids.values());
        all.add(good);
        List<FeedCollector.Outcome> outcomes = collector.collect(all);
        assertEquals(all.size(), outcomes.size());

        for (Map.Entry<String, String> e : expected.entrySet()) {
            Feed feed = QuarkusTransaction.requiringNew().call(() -> Feed.<Feed>findById(ids.get(e.getKey())));
            assertEquals("failing", feed.health(), e.getKey());
            assertTrue(feed.lastError != null && feed.lastError.contains(e.getValue()), e.getKey() + " said: " + feed.lastError);
            assertEquals(1, feed.consecutiveFailures);
            assertTrue(feed.nextFetchAt.isAfter(java.time.Instant.now()), "backs off");
        }
        Feed neighbour = QuarkusTransaction.requiringNew().call(() -> Feed.<Feed>findById(good));
        assertEquals("ok", neighbour.health());
        assertEquals(1, neighbour.lastNewPosts);

        given().get(dev.roundup.testing.Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        given().get("/river").then().statusCode(200);
        String xxeTitles = QuarkusTransaction.requiringNew().call(() -> Post.<Post>list("title like ?1", "%root:%").toString());
        assertEquals("[]", xxeTitles, "no file content ever read");
    }

    @Test
    void hostileContentNeverReachesAPageOrTheApi() {
        blogs.serve("/hostile/content.xml", "application/rss+xml", FeedServer.fixture("rss2-content.xml"));
        String river = given().get("/river").then().statusCode(200).extract().asString();
        try {
            Api.asEditor().body(Map.of("url", blogs.url("/hostile/content.xml"))).post("/api/feeds");
        } finally {
            river = given().get("/river?page=1").then().statusCode(200).extract().asString();
        }
        String api = Api.asEditor().get("/api/posts").then().statusCode(200).extract().asString();
        String editorView = Browser.signedInEditor().get("/editor/feeds").asString();
        String atom = given().get("/river.xml").then().statusCode(200).extract().asString();
        for (String page : List.of(river, api, editorView, atom)) {
            String lower = page.toLowerCase();
            assertFalse(lower.contains("<script>alert"), "script");
            assertFalse(lower.contains("onclick"), "event handler");
            assertFalse(lower.contains("onerror"), "event handler");
            assertFalse(lower.contains("javascript:"), "javascript: URL");
            assertFalse(lower.contains("<iframe"), "iframe");
            assertFalse(lower.contains("expression("), "CSS expression");
            assertFalse(lower.contains("evil.swf"), "object/embed");
            assertFalse(lower.contains("data:image"), "data: URL");
        }
    }
}
