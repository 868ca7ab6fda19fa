package dev.roundup.enrichment;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.roundup.RoundupConfig;
import dev.roundup.publishing.IssueRenderer;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.IssueView;
import dev.roundup.testing.Api;
import dev.roundup.testing.FeedServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * A link an editor adds is enriched by the pass, through the guarded Fetcher: its page's facts, and a thumbnail of its
 * og:image fetched once from the blog's server and served by Roundup. Images on the machine's own network, pictures
 * that are no pictures and pictures too large to decode are refused, and the page stays as it was. With thumbnails
 * on, the email's pictures all come from Roundup.
 */
@QuarkusTest
@TestProfile(GuardedEnrichment.class)
class ThumbnailsTest {

    static FeedServer blog;
    static FeedServer intranet;

    @Inject
    Drafts drafts;

    @Inject
    EnrichmentPass pass;

    @Inject
    Enrichments enrichments;

    @Inject
    IssueRenderer renderer;

    @Inject
    RoundupConfig roundup;

    @BeforeAll
    static void servers() {
        intranet = FeedServer.start().serve("/secret.jpg", "image/jpeg", Pictures.image("jpeg", 800, 400));
        Articles.article(intranet, "/page.html", null, 100);
        blog = new FeedServer("127.0.0.2").serve("/cover.jpg", "image/jpeg", Pictures.image("jpeg", 800, 400))
                .serve("/fake.png", "image/png", "<html><body>not a picture</body></html>".getBytes())
                .serve("/vector.svg", "image/svg+xml", Pictures.svg())
                .serve("/vector-as-png.png", "image/png", Pictures.svg())
                .serve("/bomb.png", "image/png", Pictures.pngClaiming(60_000, 60_000));
        Articles.article(blog, "/post.html", "/cover.jpg", 700);
        Articles.article(blog, "/in-the-email.html", "/cover.jpg", 300);
        Articles.article(blog, "/same-picture.html", blog.url("/cover.jpg"), 50);
        Articles.article(blog, "/private.html", intranet.url("/secret.jpg"), 50);
        Articles.article(blog, "/fake.html", "/fake.png", 50);
        Articles.article(blog, "/vector.html", "/vector.svg", 50);
        Articles.article(blog, "/vector-as-png.html", "/vector-as-png.png", 50);
        Articles.article(blog, "/bomb.html", "/bomb.png", 50);
    }

    @AfterAll
    static void stop() {
        blog.close();
        intranet.close();
    }

    @Test
    void aLinkAddedToAnIssueGetsAThumbnailServedByRoundup() throws Exception {
        long issueId = drafts.create(LocalDate.of(2041, 3, 4), LocalDate.of(2041, 3, 11)).id;
        IssueView view = IssueView.load(issueId).orElseThrow();
        long sectionId = view.sections().get(0).id();
        Api.asEditor().body(Map.of("version", view.version(), "sectionId", sectionId, "title", "A post with a cover",
                "url", blog.url("/post.html"))).post("/api/issues/" + issueId + "/links").then().statusCode(200);
        assertEquals(0, blog.requests("/post.html").size(), "the editor's request fetched nothing");
        assertEquals("pending", card(issueId, blog.url("/post.html")).status());

        pass.run();

        LinkCard card = card(issueId, blog.url("/post.html"));
        assertEquals("done", card.status());
        assertEquals("Example Blog", card.siteName());
        assertEquals("Ada Lovelace", card.author());
        assertEquals(4, card.readingMinutes(), "701 words at 230 a minute");
        assertNotNull(card.thumbnailPath(), "a thumbnail: " + card.failure());
        assertTrue(card.thumbnailPath().matches("/thumbnails/[0-9a-f]{64}"), card.thumbnailPath());

        Response answer = RestAssured.given().get(card.thumbnailPath());
        answer.then().statusCode(200).contentType("image/jpeg").header("Cache-Control", containsString("immutable"))
                .header("X-Content-Type-Options", "nosniff");
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(answer.asByteArray()));
        assertEquals(240, thumbnail.getWidth());
        assertEquals(120, thumbnail.getHeight());

        // another page with the same picture: the picture is not fetched again
        LinkCard same = enrichments.enrichNow(blog.url("/same-picture.html")).orElseThrow();
        assertEquals(card.thumbnailPath(), same.thumbnailPath());
        assertEquals(1, blog.requests("/cover.jpg").size(), "the image was fetched once");
        // the pass found nothing more to do for these links
        pass.run();
        assertEquals(1, blog.requests("/post.html").size());
    }

    @Test
    void anImageOnTheMachinesOwnNetworkIsRefusedBeforeAnyConnection() {
        LinkCard card = enrichments.enrichNow(blog.url("/private.html")).orElseThrow();
        assertEquals("done", card.status(), "the page's facts are kept");
        assertEquals("Example Blog", card.siteName());
        assertNull(card.thumbnailPath());
        assertTrue(card.failure().contains("a loopback address"), card.failure());

        LinkCard page = enrichments.enrichNow(intranet.url("/page.html")).orElseThrow();
        assertEquals("failed", page.status());
        assertTrue(page.failure().contains("a loopback address"), page.failure());
        assertEquals(0, intranet.requests("/secret.jpg").size() + intranet.requests("/page.html").size(), "nothing reached 127.0.0.1");
    }

    @Test
    void picturesThatAreNoPicturesOrTooLargeToDecodeAreRefused() {
        for (String page : List.of("/fake.html", "/vector.html", "/vector-as-png.html", "/bomb.html")) {
            LinkCard card = enrichments.enrichNow(blog.url(page)).orElseThrow();
            assertEquals("done", card.status(), page);
            assertNull(card.thumbnailPath(), page);
            assertTrue(card.failure().startsWith("image: "), page + ": " + card.failure());
        }
        assertTrue(enrichments.card(blog.url("/bomb.html")).orElseThrow().failure().contains("60000 × 60000"));
        assertTrue(enrichments.card(blog.url("/vector.html")).orElseThrow().failure().contains("svg"));
    }

    @Test
    void withThumbnailsOnTheEmailsPicturesAllComeFromRoundup() {
        long issueId = drafts.create(LocalDate.of(2041, 5, 6), LocalDate.of(2041, 5, 13)).id;
        IssueView view = IssueView.load(issueId).orElseThrow();
        long sectionId = view.sections().get(0).id();
        long version = Api.asEditor().body(Map.of("version", view.version(), "sectionId", sectionId, "title", "A post with a cover",
                "url", blog.url("/in-the-email.html"))).post("/api/issues/" + issueId + "/links").then().statusCode(200)
                .extract().jsonPath().getLong("version");
        pass.run();
        assertTrue(images(issueId).isEmpty(), "thumbnails are off until the editor turns them on");

        Api.asEditor().body(Map.of("version", version, "thumbnails", true)).put("/api/issues/" + issueId + "/sections/" + sectionId)
                .then().statusCode(200);
        assertTrue(IssueView.load(issueId).orElseThrow().sections().get(0).thumbnails());
        List<String> images = images(issueId);
        assertEquals(1, images.size(), images.toString());
        for (String src : images) {
            assertTrue(src.startsWith(roundup.link("/thumbnails/")), src);
            assertFalse(src.contains("127.0.0.2"), src);
        }
    }

    private List<String> images(long issueId) {
        String html = renderer.render(issueId).forReader("Lena Schmidt", "https://news.example.org/unsubscribe/T").html();
        return Jsoup.parse(html).select("img").stream().map(e -> e.attr("src")).toList();
    }

    private static LinkCard card(long issueId, String url) {
        return IssueView.load(issueId).orElseThrow().sections().stream().flatMap(s -> s.items().stream()).filter(i -> i.url().equals(url))
                .findFirst().orElseThrow().card();
    }
}
