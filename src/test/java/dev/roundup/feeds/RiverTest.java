package dev.roundup.feeds;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import dev.roundup.testing.Api;
import dev.roundup.testing.FeedServer;
import io.quarkus.test.junit.QuarkusTest;

/** The river groups recent posts by day like a Planet page, filters by blog, and syndicates as Atom. */
@QuarkusTest
class RiverTest {

    static FeedServer blogs;
    static final DateTimeFormatter RFC822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    @BeforeAll
    static void start() {
        blogs = FeedServer.start();
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS).plusSeconds(3600);
        Instant yesterday = today.minus(1, ChronoUnit.DAYS);
        String rss = "<rss version=\"2.0\"><channel><title>River Blog</title><link>https://river.example/</link><description>d</description>"
                + item("Today on the river", "https://river.example/today", today)
                + item("Yesterday on the river", "https://river.example/yesterday", yesterday)
                + item("Ancient history", "https://river.example/old", today.minus(40, ChronoUnit.DAYS))
                + "</channel></rss>";
        blogs.serve("/river/feed.xml", "application/rss+xml", rss.getBytes());
    }

    static String item(String title, String link, Instant date) {
        return "<item><title>" + title + "</title><link>" + link + "</link><description>About " + title
                + ".</description><pubDate>" + RFC822.format(date.atOffset(ZoneOffset.UTC)) + "</pubDate></item>";
    }

    @AfterAll
    static void stop() {
        blogs.close();
    }

    @Test
    void recentPostsAreGroupedByDayNewestFirst() throws Exception {
        long feedId = Api.asEditor().body(Map.of("url", blogs.url("/river/feed.xml"))).post("/api/feeds").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        String page = given().get("/river?feed=" + feedId).then().statusCode(200).extract().asString();
        String todayLabel = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).format(Instant.now().atOffset(ZoneOffset.UTC));
        assertTrue(page.contains("<h2 class=\"day\">" + todayLabel + "</h2>"), "a heading per day");
        int today = page.indexOf("Today on the river");
        int yesterday = page.indexOf("Yesterday on the river");
        assertTrue(today > 0 && yesterday > today, "newest first");
        assertTrue(page.contains("Read the full article"));
        assertTrue(page.contains("River Blog"));
        assertTrue(!page.contains("Ancient history"), "older than the river's days");
        assertTrue(page.contains("About Today on the river."), "the excerpt");

        String atom = given().get("/river.xml").then().statusCode(200).contentType("application/atom+xml").extract().asString();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(atom));
        assertTrue(feed.getEntries().stream().anyMatch(e -> e.getLink().equals("https://river.example/today")));
        assertEquals("atom_1.0", feed.getFeedType());
    }
}
