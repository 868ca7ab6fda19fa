package dev.roundup.feeds;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import dev.roundup.testing.FeedServer;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

/** The editor manages feeds in the browser: add, see health, fetch, edit, delete, OPML in and out. */
@QuarkusTest
class FeedEditorPagesTest {

    static FeedServer blogs;

    @BeforeAll
    static void start() {
        blogs = FeedServer.start().serveFixture("/pages/one.xml", "rss1-rdf.xml").serveFixture("/pages/two.xml", "rss1-rdf.xml");
    }

    @AfterAll
    static void stop() {
        blogs.close();
    }

    @Test
    void anEditorAddsAFeedAndManagesIt() {
        Browser editor = Browser.signedInEditor();
        Response added = editor.post("/editor/feeds", Map.of("url", blogs.url("/pages/one.xml"), "title", "Page One"));
        assertEquals(303, added.statusCode());
        String feedPage = added.header("Location");
        editor.get(feedPage).then().statusCode(200).body(containsString("Added “Page One”"))
                .body(containsString("class=\"health ok\"")).body(containsString("RSS one point oh"));

        editor.post(feedPage + "/fetch", Map.of()).then().statusCode(303);
        editor.get(feedPage).then().body(containsString("Fetched: 0 new posts.")).body(containsString("HTTP 304"));

        editor.post(feedPage, Map.of("title", "Renamed", "notes", "a note")).then().statusCode(303);
        editor.get(feedPage).then().body(containsString("<h1>Renamed</h1>")).body(containsString("disabled"));

        editor.post(feedPage + "/delete", Map.of("posts", "keep")).then().statusCode(303);
        editor.get("/editor/feeds").then().body(containsString("Deleted the feed “Renamed”; its posts were kept."));

        editor.post("/editor/feeds", Map.of("url", "ftp://nope.example/feed")).then().statusCode(400)
                .body(containsString("only http:// and https://")).body(containsString("value=\"ftp://nope.example/feed\""));
        editor.postWithoutToken("/editor/feeds", Map.of("url", blogs.url("/pages/two.xml"))).then().statusCode(403);
    }

    @Test
    void aFeedAddressTooLongToStoreIsAClearMistakeNotAServerError() {
        String path = "/pages/" + "a".repeat(5000) + ".xml";
        blogs.serveFixture(path, "rss1-rdf.xml"); // a real feed there: the address alone is the problem
        String tooLong = blogs.url(path);
        Browser.signedInEditor().post("/editor/feeds", Map.of("url", tooLong)).then().statusCode(400)
                .body(containsString("a feed address can have at most 2000")).body(containsString("has-error"));
        dev.roundup.testing.Api.asEditor().body(Map.of("url", tooLong)).post("/api/feeds").then().statusCode(400)
                .body("errors.url", containsString("a feed address can have at most 2000"));
        assertEquals(0, blogs.requests(path).size(), "refused before fetching");
    }

    @Test
    void opmlImportReportsEachOutlineAndExportListsTheFeeds() {
        Browser editor = Browser.signedInEditor();
        editor.post("/editor/feeds", Map.of("url", blogs.url("/pages/two.xml"))).then().statusCode(303);
        String opml = "<?xml version=\"1.0\"?><opml version=\"1.0\"><head><title>Planet</title></head><body>"
                + "<outline text=\"Django\"><outline text=\"Already\" xmlUrl=\"" + blogs.url("/pages/two.xml") + "\"/>"
                + "<outline text=\"Brand new\" type=\"rss\" xmlUrl=\"" + blogs.url("/pages/new.xml") + "\"/>"
                + "<outline text=\"Broken\" xmlUrl=\"javascript:alert(1)\"/></outline></body></opml>";
        editor.upload("/editor/feeds/import", "opml", "planet.opml", opml.getBytes(StandardCharsets.UTF_8), "text/x-opml")
                .then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/editor/feeds"));
        String report = editor.get("/editor/feeds").then().statusCode(200).extract().asString();
        assertTrue(report.contains("class=\"flash warning\""), "one outline was refused: a warning, not a success");
        assertTrue(report.contains("3 feeds read, 1 added (being fetched in the background), 1 already present, 1 not added"), report);
        assertTrue(report.contains("javascript:alert(1) (invalid URL: only http:// and https://"), report);
        String reloaded = editor.get("/editor/feeds").then().statusCode(200).extract().asString();
        assertTrue(!reloaded.contains("OPML import:"), "a reload shows the list, and imports nothing again");
        editor.upload("/editor/feeds/import", "opml", "empty.opml", "<opml><body></body></opml>".getBytes(StandardCharsets.UTF_8),
                "text/x-opml").then().statusCode(400).body(containsString("No feeds found in this file"));

        String exported = editor.get("/editor/feeds/opml").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        assertTrue(exported.contains("xmlUrl=\"" + blogs.url("/pages/new.xml") + "\""));
        assertTrue(exported.contains("xmlUrl=\"" + blogs.url("/pages/two.xml") + "\""));
    }
}
