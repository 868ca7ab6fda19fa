package dev.roundup.feeds;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

import dev.roundup.testing.Api;
import dev.roundup.testing.FeedServer;
import dev.roundup.testing.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A feed can carry characters XML 1.0 forbids (raw, as XML 1.1 references, as HTML references inside escaped HTML):
 * none is stored, and /river.xml stays well-formed, also over rows stored before ingest removed them.
 */
@QuarkusTest
class ForbiddenCharactersTest {

    /** Control characters, U+FFFE/U+FFFF and a lone surrogate; an independent spelling of what XML 1.0 forbids. */
    static final Pattern FORBIDDEN = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])"
            + "|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]");

    /** In HTML, a reference to one of them is as bad: a parser turns it back into the character. */
    static final Pattern REFERENCE = Pattern.compile("&#(x0*(1|8|b|1f|fffe)|0*(1|8|11|31|65534));", Pattern.CASE_INSENSITIVE);

    static FeedServer blogs;

    @BeforeAll
    static void start() {
        String now = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
        String raw = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<channel><title>Raw\u0001 blog &amp;#1;</title><link>https://ctrl.example/</link><description>d</description>"
                + "<item><title>Raw\u0001 title\u000B here\uFFFE</title><link>https://ctrl.example/raw\u0001</link>"
                + "<dc:creator>Ada\u0001 &amp;#1;Lovelace</dc:creator><pubDate>" + now + "</pubDate>"
                + "<description>&lt;p&gt;Body &amp;#1; with\u001F control &amp;#x1F; characters\u0008&lt;/p&gt;</description></item>"
                + "</channel></rss>";
        String xml11 = "<?xml version=\"1.1\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Eleven&#1;</title>"
                + "<link>https://ctrl11.example/</link><description>d</description>"
                + "<item><title>XML 1.1 &#1;title&#x1F;</title><link>https://ctrl11.example/a&#1;</link><pubDate>" + now + "</pubDate>"
                + "<description>&lt;p&gt;Eleven &#1;body&lt;/p&gt;</description></item></channel></rss>";
        String atom = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">Atom &amp;#1; blog</title>"
                + "<link href=\"https://ctrl-atom.example/\"/><id>urn:ctrl</id><updated>2026-01-01T00:00:00Z</updated>"
                + "<entry><title type=\"html\">Atom &amp;#1;&amp;#xFFFE; title &amp;#xD800;</title><link href=\"https://ctrl-atom.example/e\"/>"
                + "<id>urn:ctrl:e</id><updated>" + Instant.now() + "</updated><author><name>Grace &amp;#x1; Hopper</name></author>"
                + "<content type=\"html\">&lt;p&gt;Atom &amp;amp;#1; &amp;#1;content&lt;/p&gt;</content></entry></feed>";
        blogs = FeedServer.start().serve("/ctrl/raw.xml", "application/rss+xml", raw.getBytes(StandardCharsets.UTF_8))
                .serve("/ctrl/xml11.xml", "application/rss+xml", xml11.getBytes(StandardCharsets.UTF_8))
                .serve("/ctrl/atom.xml", "application/atom+xml", atom.getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        blogs.close();
    }

    static void assertClean(String what, String value) {
        assertFalse(value != null && FORBIDDEN.matcher(value).find(), what + " still holds a forbidden character: " + escaped(value));
    }

    static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(cp < 0x20 || cp >= 0xD800 && cp < 0xE000 || cp >= 0xFFFE ? String.format("\\u%04X", cp)
                : new String(Character.toChars(cp))));
        return b.toString();
    }

    static void assertWellFormed(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void forbiddenCharactersAreRemovedAtIngestFromEveryStoredField() throws Exception {
        for (String path : List.of("/ctrl/raw.xml", "/ctrl/xml11.xml", "/ctrl/atom.xml")) {
            var feed = Api.asEditor().body(Map.of("url", blogs.url(path))).post("/api/feeds").then().statusCode(201).extract().jsonPath();
            assertEquals(1, feed.getInt("lastNewPosts"), path + ": " + feed.getString("lastError"));
            assertClean(path + " feed title", feed.getString("title"));
            assertClean(path + " site", feed.getString("siteUrl"));
        }
        List<Post> posts = QuarkusTransaction.requiringNew().call(() -> Post.<Post>list("canonicalUrl like ?1", "https://ctrl%"));
        assertEquals(3, posts.size());
        for (Post p : posts) {
            for (String[] field : new String[][] { { "title", p.title }, { "author", p.author }, { "content", p.contentHtml },
                    { "excerpt", p.excerpt }, { "url", p.canonicalUrl }, { "blog", p.blogName } }) {
                assertClean(p.canonicalUrl + " " + field[0], field[1]);
            }
            assertFalse(REFERENCE.matcher(p.contentHtml).find(), "a reference left in " + p.contentHtml);
        }
        Post raw = posts.stream().filter(p -> p.canonicalUrl.startsWith("https://ctrl.example/")).findFirst().orElseThrow();
        assertEquals("Raw title here", raw.title);
        assertEquals("https://ctrl.example/raw", raw.canonicalUrl);
        assertEquals("Ada Lovelace", raw.author);
        assertTrue(raw.contentHtml.contains("Body  with control  characters"), raw.contentHtml);

        String river = given().get("/river.xml").then().statusCode(200).extract().asString();
        assertWellFormed(river);
        assertTrue(river.contains("Raw title here") && river.contains("XML 1.1 title"), "the posts are in the feed");
        given().get("/river").then().statusCode(200);
    }

    @Test
    void rowsStoredBeforeThisReleaseStillMakeWellFormedFeeds() throws Exception {
        String bad = "\u0001\u0008\u000B\u001F\uFFFE\uFFFF";
        Post stored = Fixtures.post("Stored " + bad + " title", "https://stored-ctrl.example/p\u0001",
                Instant.now().plusSeconds(600), 1); // newest, so on the river's first page whatever other tests stored
        QuarkusTransaction.requiringNew().run(() -> {
            Post p = Post.findById(stored.id);
            p.author = "Author" + bad + "\uD800";
            p.blogName = "Blog" + bad;
            p.contentHtml = "<p>Content " + bad + " &#x1; &#1; and a lone \uDC00 surrogate</p>";
            p.excerpt = "Excerpt" + bad;
        });
        String river = given().get("/river.xml").then().statusCode(200).extract().asString();
        assertWellFormed(river);
        assertTrue(river.contains("Stored  title"), "the old row is in the feed, cleaned");
        assertClean("river.xml", river);
        assertFalse(river.contains("&amp;#x1;") || river.contains("&amp;#1;"), "no reference to a forbidden character either");
        given().get("/river").then().statusCode(200);
    }
}
