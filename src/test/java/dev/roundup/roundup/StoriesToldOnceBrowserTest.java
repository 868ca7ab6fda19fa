package dev.roundup.roundup;

import static dev.roundup.testing.EditingPage.awaitEditor;
import static dev.roundup.testing.EditingPage.awaitSaved;
import static dev.roundup.testing.EditingPage.communityList;
import static dev.roundup.testing.EditingPage.press;
import static dev.roundup.testing.EditingPage.titles;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.roundup.testing.Api;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.FeedServer;
import dev.roundup.testing.Mails;
import dev.roundup.testing.Sends;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Stories told once (issue #20): three blogs, served over real HTTP, tell the same story (two with near-duplicate
 * titles, one linking to the first); the draft offers it once, the earliest post standing for it, "Also covered by"
 * the two others; the editor drops that line, undoes the drop, drops it and keeps it again (a stale version is a 409;
 * a removed item put back keeps its other sources); the sent issue has the
 * story once, with the line, in its HTML and text parts and in the archive.
 */
@QuarkusTest
class StoriesToldOnceBrowserTest {

    private static final LocalDate WEEK = LocalDate.of(2019, 8, 5); // a week no other test uses
    private static final String LEAD = "https://alpha.cluster.example.org/django-5-1";
    private static final String BETA = "https://beta.cluster.example.org/2019/django-release";
    private static final String GAMMA = "https://gamma.cluster.example.org/links-of-the-week";
    private static final String READER = "reader@cluster.example.org";

    @TestHTTPResource("/")
    URL root;

    @Inject
    Drafts drafts;

    private static String feed(String blog, String... items) {
        return "<rss version=\"2.0\"><channel><title>" + blog + "</title><link>https://" + blog.toLowerCase().replace(' ', '-')
                + ".example.org/</link><description>d</description>" + String.join("", items) + "</channel></rss>";
    }

    private static String item(String title, String link, int day, String html) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(WEEK.plusDays(day).atTime(9, 0).atOffset(ZoneOffset.UTC));
        return "<item><title>" + title + "</title><link>" + link + "</link><pubDate>" + date + "</pubDate><description><![CDATA["
                + html + "]]></description></item>";
    }

    @Test
    void aStoryThreeBlogsTellIsOfferedOnceAlsoCoveredByTheOthers() throws Exception {
        String notes = "<a href=\"https://docs.djangoproject.com/en/5.1/releases/5.1/\">the release notes</a>";
        try (FeedServer blogs = FeedServer.start()) {
            blogs.serve("/alpha.xml", "application/rss+xml", feed("Alpha Weekly",
                    item("Django 5.1 released with async ORM", LEAD, 1, "<p>Django 5.1 is here; read " + notes + ".</p>"))
                    .getBytes(StandardCharsets.UTF_8));
            blogs.serve("/beta.xml", "application/rss+xml", feed("Beta Blog",
                    item("The Django 5.1 release is out: async ORM!", BETA, 2, "<p>Finally. " + notes + "</p>"),
                    item("Profiling Python in production", "https://beta.cluster.example.org/2019/profiling", 3, "<p>py-spy.</p>"))
                    .getBytes(StandardCharsets.UTF_8));
            blogs.serve("/gamma.xml", "application/rss+xml", feed("Gamma Links",
                    item("Links of the week", GAMMA, 4, "<ul><li><a href=\"" + LEAD + "\">Django 5.1 is out</a></li></ul>"))
                    .getBytes(StandardCharsets.UTF_8));
            for (String path : List.of("/alpha.xml", "/beta.xml", "/gamma.xml")) {
                Api.asEditor().body(Map.of("url", blogs.url(path))).post("/api/feeds").then().statusCode(201);
            }
        }
        long issueId = drafts.create(WEEK, WEEK.plusDays(7)).id;
        String base = root.toString().replaceAll("/$", "");

        try (Chromium chromium = Chromium.start()) {
            chromium.size(1100, 1400).signInAsEditor(base).open(base + "/editor/issues/" + issueId);
            awaitEditor(chromium);
            assertEquals(List.of("Django 5.1 released with async ORM", "Profiling Python in production"), titles(communityList(chromium)),
                    "the story once, carried by three sources, first; the other blogs' posts of it are not offered on their own");
            WebElement line = alsoCovered(chromium);
            assertEquals("Also covered by Beta Blog, Gamma Links", line.findElement(By.cssSelector("[data-also-line]")).getText());
            assertEquals(List.of(BETA, GAMMA), line.findElements(By.cssSelector("[data-also-line] a")).stream()
                    .map(a -> a.getAttribute("href")).toList(), "each source linked to its post");
            shoot(communityList(chromium).findElement(By.xpath("ancestor::*[@data-section]")), "issue-editor-story-cluster");

            // dropped, and back with Undo
            press(chromium, line.findElement(By.cssSelector("[data-drop-also]")));
            awaitSaved(chromium);
            chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("toast")));
            assertTrue(alsoCovered(chromium).getAttribute("class").contains("dropped"));
            chromium.driver().findElement(By.cssSelector("#toast [data-undo]")).click();
            awaitSaved(chromium);
            assertFalse(alsoCovered(chromium).getAttribute("class").contains("dropped"), "Undo keeps it again");

            // dropped, it stays dropped after a reload; "keep" brings it back
            press(chromium, alsoCovered(chromium).findElement(By.cssSelector("[data-drop-also]")));
            awaitSaved(chromium);
            chromium.driver().navigate().refresh();
            awaitEditor(chromium);
            assertTrue(alsoCovered(chromium).getAttribute("class").contains("dropped"), "the drop was saved");
            assertTrue(alsoCovered(chromium).findElement(By.cssSelector("[data-also-dropped]")).isDisplayed());
            press(chromium, alsoCovered(chromium).findElement(By.cssSelector("[data-keep-also]")));
            awaitSaved(chromium);
            chromium.driver().navigate().refresh();
            awaitEditor(chromium);
            assertFalse(alsoCovered(chromium).getAttribute("class").contains("dropped"), "kept again");
            assertEquals(List.of(), chromium.policyViolations(), "nothing refused by the Content-Security-Policy");

            chromium.size(375, 900).open(base + "/editor/issues/" + issueId + "/preview/email");
            shoot(chromium.driver().findElement(By.cssSelector("td.section")), "email-story-cluster-375");
        }

        removedAndPutBackItKeepsItsOtherSourcesButNoForgedOne(issueId);

        Sends.subscribe(List.of(READER));
        Sends.start(issueId);
        Sends.awaitState(issueId, "done", Duration.ofMinutes(2));
        MimeMessage mail = Mails.await(READER, 1, Duration.ofSeconds(10)).get(0);
        String html = Mails.part(mail, "text/html");
        assertEquals(1, occurrences(html, "Django 5.1 released with async ORM"), "the story once in the mail");
        assertFalse(html.contains("The Django 5.1 release is out") || html.contains("Links of the week"), "not its other posts");
        assertAlsoCovered(org.jsoup.Jsoup.parse(html).select(".item-also"), "in the mail");
        String text = Mails.part(mail, "text/plain").replace("\r\n", "\n");
        assertTrue(text.contains("Also covered by:\n  - Beta Blog: " + BETA + "\n  - Gamma Links: " + GAMMA), text);

        int number = Api.asEditor().get("/api/issues/" + issueId).then().extract().jsonPath().getInt("number");
        String archive = given().get("/archive/" + number).then().statusCode(200).extract().asString();
        assertAlsoCovered(org.jsoup.Jsoup.parse(archive).select(".issue-item .also-covered"), "in the archive");
    }

    private static void assertAlsoCovered(org.jsoup.select.Elements line, String where) {
        assertEquals("Also covered by Beta Blog, Gamma Links", line.text(), where);
        assertEquals(List.of(BETA, GAMMA), line.select("a").eachAttr("href"), where);
    }

    /**
     * Through the API: a drop with a version the issue has left is a 409; a removed item put back by its undo keeps
     * its other sources, but only posts Roundup has.
     */
    private static void removedAndPutBackItKeepsItsOtherSourcesButNoForgedOne(long issueId) {
        String path = "/api/issues/" + issueId;
        io.restassured.path.json.JsonPath issue = Api.asEditor().get(path).then().statusCode(200).extract().jsonPath();
        long version = issue.getLong("version");
        String find = "sections.find { it.kind == 'community' }.items.find { it.title == 'Django 5.1 released with async ORM' }";
        int itemId = issue.getInt(find + ".id");
        Api.asEditor().body(Map.of("version", version - 1, "alsoCovered", false)).put(path + "/items/" + itemId).then().statusCode(409);

        Map<String, Object> removed = Api.asEditor().delete(path + "/items/" + itemId + "?version=" + version).then().statusCode(200)
                .extract().jsonPath().getMap("");
        @SuppressWarnings("unchecked")
        Map<String, Object> item = new java.util.HashMap<>((Map<String, Object>) removed.get("item"));
        List<Object> claimed = new java.util.ArrayList<>((List<?>) item.get("alsoCovered"));
        claimed.add(Map.of("source", "Forged", "url", "https://forged.cluster.example.org/"));
        item.put("alsoCovered", claimed);
        Api.asEditor().body(Map.of("version", removed.get("version"), "item", item)).post(path + "/items").then().statusCode(200);
        issue = Api.asEditor().get(path).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("Beta Blog", "Gamma Links"), issue.getList(find + ".alsoCovered.source"), "put back with its sources, not the forged one");
        assertTrue(issue.getBoolean(find + ".alsoCoveredKept"));
    }

    /** A screenshot of one part of the page, as target/screenshots/{name}.png. */
    private static void shoot(WebElement part, String name) throws java.io.IOException {
        java.nio.file.Path out = java.nio.file.Path.of("target/screenshots", name + ".png");
        java.nio.file.Files.createDirectories(out.getParent());
        java.nio.file.Files.write(out, part.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private static WebElement alsoCovered(Chromium chromium) {
        return communityList(chromium).findElement(By.cssSelector("[data-also-covered]"));
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
