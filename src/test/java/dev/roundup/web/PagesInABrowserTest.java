package dev.roundup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.FeedServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The pages in a real browser, at a phone's width and a desktop's: an editor signs in through the form, the pages
 * render without sideways scrolling, and screenshots land in target/screenshots/ for people to look at.
 */
@QuarkusTest
class PagesInABrowserTest {

    @TestHTTPResource("/")
    URL root;

    static FeedServer blogs;

    @BeforeAll
    static void feeds() {
        blogs = FeedServer.start().serveFixture("/shots/rss2.xml", "rss2-content.xml")
                .serve("/shots/planet.xml", "application/rss+xml", recentFeed().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A week like the seeds' Planet pages, dated around now so the river shows it. */
    static String recentFeed() {
        String[][] posts = {
                { "Real Python", "The Python Standard REPL: Try Out Code and Ideas Quickly",
                        "The Python REPL gives you instant feedback as you code. Learn to use this powerful tool to type, run, debug, edit, and explore Python interactively." },
                { "Peter Bengtsson", "Using AI to rewrite blog post comments",
                        "Using AI to correct and edit blog post comments as part of the moderation process." },
                { "Python Morsels", "Unnecessary parentheses in Python",
                        "Python's ability to use parentheses for grouping can often confuse new Python users into over-using parentheses in ways that they shouldn't be used." },
                { "Django community", "How I deploy my projects to a single VPS with Gitea, NGINX and Docker",
                        "I run everything on a single VPS: my blog, my side projects, my git server, analytics, a wiki, a forum. <script>alert(1)</script>The whole thing is held together by NGINX, Gitea, some bash scripts, and Docker." } };
        StringBuilder sb = new StringBuilder("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                + "<title>Planet Python</title><link>https://planet.example.org/</link><description>d</description>");
        java.time.Instant now = java.time.Instant.now();
        for (int i = 0; i < posts.length; i++) {
            sb.append("<item><title>").append(posts[i][1]).append("</title><link>https://planet.example.org/").append(i)
                    .append("</link><dc:creator>").append(posts[i][0]).append("</dc:creator><description><![CDATA[").append(posts[i][2])
                    .append("]]></description><pubDate>").append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                            .format(now.minus(java.time.Duration.ofHours(2 + 15L * i)).atOffset(java.time.ZoneOffset.UTC)))
                    .append("</pubDate></item>");
        }
        return sb.append("</channel></rss>").toString();
    }

    @AfterAll
    static void stop() {
        blogs.close();
    }

    @jakarta.inject.Inject
    dev.roundup.subscribers.SubscriberLinks links;

    @Test
    void subscribersJoinAndLeaveAtPhoneWidth() throws Exception {
        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.size(390, 844).open(base + "/subscribe");
            chromium.screenshot("subscribe-phone");
            chromium.driver().findElement(By.name("email")).sendKeys("phone.reader@example.org");
            chromium.driver().findElement(By.name("name")).sendKeys("Phone Reader");
            chromium.driver().findElement(By.cssSelector("form.signup button[type=submit]")).click();
            chromium.await(ExpectedConditions.urlContains("/subscribe/check-inbox"));
            assertFalse(chromium.overflowsHorizontally());
            chromium.screenshot("check-inbox-phone");

            var mail = dev.roundup.testing.Mails.await("phone.reader@example.org", 1, java.time.Duration.ofSeconds(10)).get(0);
            chromium.open(base + dev.roundup.testing.Mails.path(dev.roundup.testing.Mails.link(mail, "/confirm/")));
            assertFalse(chromium.overflowsHorizontally());
            chromium.screenshot("confirm-phone");
            chromium.driver().findElement(By.cssSelector("button[type=submit].primary")).click();
            chromium.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "You're in!"));
            chromium.screenshot("confirmed-phone");

            String token = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> links.unsubscribeToken(
                    dev.roundup.subscribers.Subscriber.findByEmail("phone.reader@example.org").orElseThrow()));
            chromium.open(base + "/unsubscribe/" + token);
            assertFalse(chromium.overflowsHorizontally());
            chromium.screenshot("unsubscribe-phone");
            chromium.driver().findElement(By.cssSelector("button[type=submit].primary")).click();
            chromium.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "You are unsubscribed"));
            chromium.screenshot("unsubscribed-phone");
        }
    }

    @Test
    void publicAndEditorPagesRenderAtPhoneAndDesktopWidths() {
        Api.asEditor().body(Map.of("url", blogs.url("/shots/rss2.xml"))).post("/api/feeds");
        Api.asEditor().body(Map.of("url", blogs.url("/shots/planet.xml"))).post("/api/feeds");
        Browser visitor = new Browser();
        visitor.post("/submit/project", dev.roundup.listings.SubmissionTestForms.project("Django Ledger", "ledger@shots.example.org"));
        visitor.post("/submit/project", dev.roundup.listings.SubmissionTestForms.project("Wagtail Starter Kit", "kit@shots.example.org"));
        visitor.post("/submit/job", dev.roundup.listings.SubmissionTestForms.job("Senior Django Developer", "jobs@shots.example.org"));
        visitor.post("/submit/job", dev.roundup.listings.SubmissionTestForms.job("Python Platform Engineer", "jobs2@shots.example.org"));
        java.util.List<Integer> projects = Api.asEditor().get("/api/projects?q=Django Ledger").then().extract().path("id");
        java.util.List<Integer> jobs = Api.asEditor().get("/api/jobs?q=Senior Django").then().extract().path("id");
        Api.asEditor().body(Map.of("ids", projects, "action", "approve")).post("/api/projects/moderate");
        Api.asEditor().body(Map.of("ids", jobs, "action", "approve")).post("/api/jobs/moderate");
        Api.asEditor().body(Map.of("ids", jobs, "action", "feature")).post("/api/jobs/moderate");
        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.size(1280, 900).open(base + "/editor");
            assertTrue(chromium.driver().getCurrentUrl().contains("/login"), "sent to sign in");
            chromium.screenshot("login-desktop");
            chromium.driver().findElement(By.name("email")).sendKeys(Browser.EDITOR_EMAIL);
            chromium.driver().findElement(By.name("password")).sendKeys("wrong password");
            chromium.driver().findElement(By.cssSelector("button[type=submit].primary")).click();
            chromium.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert")));
            assertTrue(chromium.driver().getPageSource().contains("Wrong email or password."));
            chromium.driver().findElement(By.name("password")).sendKeys(Browser.EDITOR_PASSWORD);
            chromium.driver().findElement(By.cssSelector("button[type=submit].primary")).click();
            chromium.await(ExpectedConditions.urlMatches("/editor$"));
            assertTrue(chromium.driver().findElement(By.tagName("h1")).getText().startsWith("Hello"));

            for (Map.Entry<String, String> page : Map.of("dashboard", "/editor", "feeds", "/editor/feeds", "river", "/river",
                    "home", "/", "editors", "/editor/editors", "subscribers", "/editor/subscribers", "submit-project", "/submit/project",
                    "editor-projects", "/editor/projects", "jobs", "/jobs", "editor-jobs", "/editor/jobs").entrySet()) {
                for (int width : new int[] { 390, 1280 }) {
                    chromium.size(width, 900).open(base + page.getValue());
                    assertFalse(chromium.overflowsHorizontally(), page.getKey() + " scrolls sideways at " + width + " px");
                    assertEquals(0, chromium.driver().findElements(By.xpath("//*[contains(text(),'Error 500')]")).size());
                    chromium.screenshot(page.getKey() + "-" + (width < 600 ? "phone" : "desktop"));
                }
            }
        }
    }
}
