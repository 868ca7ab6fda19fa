package dev.roundup.feeds;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.FeedServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Feeds in the formats blogs really publish come out as the right posts. */
@QuarkusTest
class FeedIngestionTest {

    static FeedServer blogs;

    @jakarta.inject.Inject
    Feeds feeds;

    @BeforeAll
    static void startBlogs() {
        blogs = FeedServer.start();
    }

    @AfterAll
    static void stopBlogs() {
        blogs.close();
    }

    static JsonPath addFeed(String url) {
        return Api.asEditor().body(Map.of("url", url)).post("/api/feeds").then().statusCode(201).extract().jsonPath();
    }

    static Post post(String canonicalUrl) {
        return QuarkusTransaction.requiringNew().call(() -> Post.<Post>find("canonicalUrl", canonicalUrl).firstResult());
    }

    @Test
    void onlyTheFirstEntriesOfAFeedWithThousandsAreKept() {
        StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>Prolific</title><link>https://prolific.example/</link>");
        for (int i = 0; i < 5000; i++) {
            // dated long ago: they stay out of the river, which other tests read
            rss.append("<item><title>Entry ").append(i).append("</title><link>https://prolific.example/").append(i)
                    .append("</link><pubDate>Mon, 06 Jan 2020 10:00:00 GMT</pubDate></item>");
        }
        blogs.serve("/ingest/prolific.xml", "application/rss+xml", rss.append("</channel></rss>").toString().getBytes());
        JsonPath feed = addFeed(blogs.url("/ingest/prolific.xml"));
        assertEquals(100, feed.getInt("lastNewPosts"), "max-entries-per-fetch, the first ones as the feed lists them");
        assertEquals(4900, feed.getInt("lastSkippedEntries"));
        assertNotNull(post("https://prolific.example/99"));
        assertEquals(null, post("https://prolific.example/100"));
    }

    @Test
    void rss2PrefersContentEncodedAndTakesTheAuthorFromDcCreator() {
        blogs.serveFixture("/ingest/rss2.xml", "rss2-content.xml");
        JsonPath feed = addFeed(blogs.url("/ingest/rss2.xml"));
        assertEquals("Django Chronicles", feed.getString("title"));
        assertEquals(2, feed.getInt("lastNewPosts"));
        assertEquals("ok", feed.getString("health"));

        Post post = post("https://chronicles.example.org/posts/single-vps/");
        assertNotNull(post, "stored under its canonical URL, utm parameters stripped");
        assertEquals("How I deploy my projects to a single VPS", post.title);
        assertEquals("Ada Lovelace", post.author);
        assertEquals(Instant.parse("2026-03-15T09:30:00Z"), post.publishedAt);
        assertTrue(post.contentHtml.contains("single VPS"), post.contentHtml);
        assertFalse(post.contentHtml.contains("Short description"), "content:encoded wins over description");
        assertTrue(post.contentHtml.contains("href=\"https://chronicles.example.org/tags/vps/\""), "relative link resolved: " + post.contentHtml);
        assertTrue(post.contentHtml.contains("rel=\"noopener noreferrer\""));
        assertTrue(post.contentHtml.contains("src=\"https://chronicles.example.org/img/diagram.png\""));
        assertTrue(post.excerpt.startsWith("I run everything on a single VPS"), post.excerpt);
        assertEquals("Django Chronicles", post.blogName);

        Post second = post("https://chronicles.example.org/posts/second/");
        assertTrue(second.contentHtml.contains("<b>description</b>"), "the description is used when there is no content");
        assertEquals("A description only.", second.excerpt);
    }

    @Test
    void atomResolvesRelativeLinksAgainstXmlBase() {
        blogs.serve("/ingest/atom.xml", "application/atom+xml", FeedServer.fixture("atom-xmlbase.xml"));
        addFeed(blogs.url("/ingest/atom.xml"));
        Post post = post("https://atom.example.net/blog/2026/async-views.html");
        assertNotNull(post, "link resolved against the nested xml:base");
        assertEquals("Testing async views", post.title, "HTML title turned into text");
        assertEquals("Grace Hopper", post.author);
        assertEquals(Instant.parse("2026-03-12T08:00:00Z"), post.publishedAt, "published wins over updated");
        assertTrue(post.contentHtml.contains("href=\"https://atom.example.net/blog/about.html\""), post.contentHtml);
    }

    @Test
    void rss1RdfIsRead() {
        blogs.serve("/ingest/rdf.xml", "application/rdf+xml", FeedServer.fixture("rss1-rdf.xml"));
        addFeed(blogs.url("/ingest/rdf.xml"));
        Post post = post("https://rdf.example.com/one");
        assertEquals("RSS one point oh", post.title);
        assertEquals("Tim B", post.author);
        assertEquals(Instant.parse("2026-03-11T10:00:00Z"), post.publishedAt);
    }

    @Test
    void declaredLatin1AndUndeclaredUtf8AreBothReadRight() {
        blogs.serve("/ingest/latin1.xml", "text/xml", FeedServer.fixture("latin1.xml"));
        blogs.serve("/ingest/cjk.xml", "application/xml", FeedServer.fixture("utf8-nodecl.xml"));
        assertEquals("Café Blog", addFeed(blogs.url("/ingest/latin1.xml")).getString("title"));
        assertEquals("Café in Zürich", post("https://latin.example.org/cafe").title);
        assertEquals("Crème brûlée", post("https://latin.example.org/cafe").excerpt);

        assertEquals("日本語ブログ", addFeed(blogs.url("/ingest/cjk.xml")).getString("title"));
        Post cjk = post("https://cjk.example.jp/post/1");
        assertEquals("Djangoで日本語のブログを書く", cjk.title);
        assertEquals("漢字とひらがなとカタカナ、そして絵文字 🎉", cjk.excerpt);
    }

    @Test
    void aPostInTwoFeedsIsOnePostWithTwoSources() {
        String a = "<rss version=\"2.0\"><channel><title>Aggregator A</title><link>https://a.example/</link><description>d</description>"
                + "<item><title>Cross-posted</title><link>https://Shared.Example.org/post/x?utm_campaign=a#comments</link>"
                + "<guid>a-1</guid><pubDate>Thu, 12 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>";
        String b = a.replace("Aggregator A", "Aggregator B").replace("?utm_campaign=a#comments", "").replace("a-1", "b-1");
        blogs.serve("/ingest/dup-a.xml", "application/rss+xml", a.getBytes());
        blogs.serve("/ingest/dup-b.xml", "application/rss+xml", b.getBytes());
        addFeed(blogs.url("/ingest/dup-a.xml"));
        assertEquals(0, addFeed(blogs.url("/ingest/dup-b.xml")).getInt("lastNewPosts"), "not new to Roundup");
        Post post = post("https://shared.example.org/post/x");
        assertEquals(2, post.sourceCount);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Post.count("canonicalHash", post.canonicalHash)));
        Api.asEditor().get("/api/posts?from=2026-03-12&to=2026-03-12").then().statusCode(200)
                .body("findAll { it.title == 'Cross-posted' }.size()", equalTo(1))
                .body("find { it.title == 'Cross-posted' }.sources", equalTo(2));
    }

    @Test
    void missingDatesFallBackToFirstSeenAndFutureDatesAreClamped() {
        blogs.serve("/ingest/nodates.xml", "application/rss+xml", FeedServer.fixture("nodates.xml"));
        Instant before = Instant.now();
        JsonPath feed = addFeed(blogs.url("/ingest/nodates.xml"));
        assertEquals(2, feed.getInt("lastNewPosts"));
        assertEquals(1, feed.getInt("lastSkippedEntries"), "the entry without title or link is skipped and counted");
        Post undated = post("https://nodates.example.org/a");
        Post future = post("https://nodates.example.org/b");
        assertFalse(undated.publishedAt.isBefore(before.minusSeconds(1)));
        assertEquals(undated.firstSeenAt, undated.publishedAt);
        assertTrue(future.publishedAt.isBefore(Instant.now().plusSeconds(1)), "clamped to the fetch time");
    }

    @Test
    void aSecondFetchOfAnUnchangedFeedIsAConditionalGetAnswered304() {
        blogs.serve("/ingest/conditional.xml", "application/rss+xml", FeedServer.fixture("rss1-rdf.xml").clone());
        long id = addFeed(blogs.url("/ingest/conditional.xml")).getLong("id");
        long posts = QuarkusTransaction.requiringNew().call(() -> Post.count());
        JsonPath again = Api.asEditor().post("/api/feeds/" + id + "/fetch").then().statusCode(200).extract().jsonPath();
        assertEquals(304, again.getInt("lastStatus"));
        assertEquals(0, again.getInt("lastNewPosts"));
        assertEquals(posts, QuarkusTransaction.requiringNew().call(() -> Post.count()));
        List<FeedServer.Request> requests = blogs.requests("/ingest/conditional.xml");
        assertNotNull(requests.get(requests.size() - 1).headers().getFirst("If-None-Match"), "sent the stored ETag");
        assertTrue(requests.get(0).headers().getFirst("User-Agent").startsWith("Roundup/"), "says who it is");
    }

    @Test
    void anUnchangedBodyWithoutValidatorsIsNotParsedAgain() {
        blogs.serveWithoutValidators("/ingest/novalidators.xml", "application/rss+xml",
                FeedServer.fixture("rss2-content.xml").clone());
        // the fixture's posts are already stored by another test or not: either way the second fetch adds nothing
        long id = QuarkusTransaction.requiringNew().call(() -> feeds.create(blogs.url("/ingest/novalidators.xml"), "No validators", null).id);
        Api.asEditor().post("/api/feeds/" + id + "/fetch").then().statusCode(200).body("lastStatus", equalTo(200));
        String hash = QuarkusTransaction.requiringNew().call(() -> Feed.<Feed>findById(id).bodyHash);
        assertNotNull(hash);
        Api.asEditor().post("/api/feeds/" + id + "/fetch").then().statusCode(200)
                .body("lastStatus", equalTo(200)).body("lastNewPosts", equalTo(0)).body("lastSkippedEntries", equalTo(0));
    }

    @Test
    void aSitePageLeadsToItsFeed() {
        blogs.serve("/site/", "text/html; charset=utf-8", FeedServer.fixture("site.html"));
        blogs.serve("/discovered/feed.xml", "application/rss+xml", FeedServer.fixture("rss1-rdf.xml"));
        JsonPath feed = addFeed(blogs.url("/site/"));
        assertEquals(blogs.url("/discovered/feed.xml"), feed.getString("url"));
        Api.asEditor().body(Map.of("url", blogs.url("/discovered/feed.xml"))).post("/api/feeds").then().statusCode(400)
                .body("errors.url", containsString("already in the list"));
    }

    @Test
    void aPageWithoutAFeedIsRefusedWithAClearReason() {
        blogs.serve("/site/nofeed", "text/html", "<html><head><title>x</title></head><body>hi</body></html>".getBytes());
        Api.asEditor().body(Map.of("url", blogs.url("/site/nofeed"))).post("/api/feeds").then().statusCode(400)
                .body("errors.url", containsString("does not announce a feed"));
        Api.asEditor().body(Map.of("url", "javascript:alert(1)")).post("/api/feeds").then().statusCode(400)
                .body("errors.url", containsString("only http:// and https://"));
    }

    @Test
    void aPermanentRedirectMovesTheFeedAndATemporaryOneDoesNot() {
        blogs.serve("/moved/new.xml", "application/rss+xml", FeedServer.fixture("rss1-rdf.xml"));
        blogs.redirect("/moved/old.xml", 301, blogs.url("/moved/new.xml"));
        assertEquals(blogs.url("/moved/new.xml"), addFeed(blogs.url("/moved/old.xml")).getString("url"));

        blogs.serve("/moved/target.xml", "application/rss+xml", FeedServer.fixture("rss1-rdf.xml"));
        blogs.redirect("/moved/temp.xml", 302, "/moved/target.xml");
        assertEquals(blogs.url("/moved/temp.xml"), addFeed(blogs.url("/moved/temp.xml")).getString("url"));

        blogs.serve("/moved/final308.xml", "application/rss+xml", FeedServer.fixture("rss1-rdf.xml"));
        blogs.redirect("/moved/p308.xml", 308, "/moved/final308.xml");
        blogs.route("/moved/dynamic.xml", ex -> {
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            byte[] body = FeedServer.fixture("rss1-rdf.xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        });
        long id = addFeed(blogs.url("/moved/dynamic.xml")).getLong("id");
        blogs.redirect("/moved/dynamic.xml", 308, "/moved/final308.xml");
        Api.asEditor().post("/api/feeds/" + id + "/fetch").then().statusCode(200)
                .body("url", equalTo(blogs.url("/moved/final308.xml")));
    }

    @Test
    void goneDisablesTheFeedAndRetryAfterIsHonoured() {
        blogs.route("/gone.xml", ex -> {
            byte[] body = FeedServer.fixture("rss1-rdf.xml");
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        });
        long gone = addFeed(blogs.url("/gone.xml")).getLong("id");
        blogs.status("/gone.xml", 410, Map.of());
        Api.asEditor().post("/api/feeds/" + gone + "/fetch").then().statusCode(200)
                .body("enabled", equalTo(false)).body("health", equalTo("disabled"))
                .body("disabledReason", containsString("HTTP 410"));

        blogs.route("/slow-down.xml", ex -> {
            byte[] body = FeedServer.fixture("rss1-rdf.xml");
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        });
        long busy = addFeed(blogs.url("/slow-down.xml")).getLong("id");
        blogs.status("/slow-down.xml", 429, Map.of("Retry-After", "7200"));
        Instant now = Instant.now();
        JsonPath after = Api.asEditor().post("/api/feeds/" + busy + "/fetch").then().statusCode(200).extract().jsonPath();
        assertEquals("failing", after.getString("health"));
        assertTrue(after.getString("lastError").contains("429"));
        assertTrue(Instant.parse(after.getString("nextFetchAt")).isAfter(now.plus(Duration.ofMinutes(119))), "waits as asked");
    }

    @Test
    void failuresBackOffAndASuccessResetsThem() {
        blogs.serve("/flaky.xml", "application/rss+xml", FeedServer.fixture("rss1-rdf.xml"));
        long id = addFeed(blogs.url("/flaky.xml")).getLong("id");
        blogs.status("/flaky.xml", 500, Map.of());
        Instant first = Instant.parse(Api.asEditor().post("/api/feeds/" + id + "/fetch").then().extract().path("nextFetchAt"));
        JsonPath second = Api.asEditor().post("/api/feeds/" + id + "/fetch").then().extract().jsonPath();
        assertEquals(2, second.getInt("consecutiveFailures"));
        assertTrue(Instant.parse(second.getString("nextFetchAt")).isAfter(first.plus(Duration.ofMinutes(29))), "waits longer");
        assertTrue(second.getString("lastError").contains("HTTP 500"));
        blogs.serve("/flaky.xml", "application/rss+xml", FeedServer.fixture("rss1-rdf.xml"));
        Api.asEditor().post("/api/feeds/" + id + "/fetch").then().body("consecutiveFailures", equalTo(0))
                .body("health", equalTo("ok")).body("lastError", equalTo(null));
    }

    @Test
    void deletingAFeedKeepsOrDeletesItsPostsAsAsked() {
        String rss = "<rss version=\"2.0\"><channel><title>Temp %s</title><link>https://temp.example/</link><description>d</description>"
                + "<item><title>Temp post %s</title><link>https://temp.example/%s</link></item></channel></rss>";
        blogs.serve("/temp/keep.xml", "application/rss+xml", String.format(rss, "keep", "keep", "keep").getBytes());
        blogs.serve("/temp/drop.xml", "application/rss+xml", String.format(rss, "drop", "drop", "drop").getBytes());
        long keep = addFeed(blogs.url("/temp/keep.xml")).getLong("id");
        long drop = addFeed(blogs.url("/temp/drop.xml")).getLong("id");
        Api.asEditor().delete("/api/feeds/" + keep + "?keepPosts=true").then().statusCode(200).body("deletedPosts", equalTo(0));
        Api.asEditor().delete("/api/feeds/" + drop + "?keepPosts=false").then().statusCode(200).body("deletedPosts", equalTo(1));
        assertNotNull(post("https://temp.example/keep"));
        assertEquals("Temp keep", post("https://temp.example/keep").blogName);
        assertEquals(null, post("https://temp.example/drop"));
        Api.asEditor().get("/api/feeds/" + keep).then().statusCode(404);
    }

    @Test
    void theEditorFeedListShowsHealth() {
        blogs.serve("/list/feed.xml", "application/rss+xml", FeedServer.fixture("rss1-rdf.xml"));
        addFeed(blogs.url("/list/feed.xml"));
        dev.roundup.testing.Browser.signedInEditor().get("/editor/feeds").then().statusCode(200)
                .body(containsString(blogs.url("/list/feed.xml"))).body(containsString("class=\"health ok\""))
                .body(not(containsString("Exception")));
    }
}
