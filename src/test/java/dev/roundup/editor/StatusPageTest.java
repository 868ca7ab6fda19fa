package dev.roundup.editor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.FeedServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The editors' status page: the feeds that fail, the last backup in the data folder, the mail settings in force
 * without a password, and the version; editors only.
 */
@QuarkusTest
class StatusPageTest {

    @Test
    void editorsSeeFeedsFailingTheLastBackupMailSettingsAndTheVersion() throws Exception {
        String version = ConfigProvider.getConfig().getValue("quarkus.application.version", String.class);
        String smtpPort = ConfigProvider.getConfig().getValue("roundup.smtp.port", String.class);
        Path backups = Path.of(ConfigProvider.getConfig().getValue("roundup.data-dir", String.class), "backups");
        try (FeedServer blog = FeedServer.start()) {
            // a feed of its own with no posts: the shared fixtures' posts belong to the tests that count them
            blog.serve("/status/feed.xml", "application/rss+xml", ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Status</title>"
                    + "<link>https://status.example.org/</link><description>d</description></channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            long id = Api.asEditor().body(Map.of("url", blog.url("/status/feed.xml"), "title", "The Failing Blog")).post("/api/feeds")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            blog.status("/status/feed.xml", 503, Map.of());
            Api.asEditor().post("/api/feeds/" + id + "/fetch").then().statusCode(200);
            // a failing feed whose name is one long word, as a feed's address or an identifier is, on a phone
            String longPath = "/status/long/feed.xml";
            blog.serve(longPath, "application/rss+xml", ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Long</title>"
                    + "<link>https://status.example.org/</link><description>d</description></channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            long untitled = Api.asEditor().body(Map.of("url", blog.url(longPath), "title", "Notes" + "_identifier".repeat(12)))
                    .post("/api/feeds").then().statusCode(201).extract().jsonPath().getLong("id");
            blog.status(longPath, 503, Map.of());
            Api.asEditor().post("/api/feeds/" + untitled + "/fetch").then().statusCode(200);

            Browser editor = Browser.signedInEditor();
            String page = editor.get("/editor/status").then().statusCode(200).extract().asString();
            assertTrue(page.contains("The Failing Blog") && page.contains("the server is unavailable (HTTP 503)"), page);
            assertTrue(page.contains("Roundup " + version), page);
            assertTrue(page.contains("SMTP 127.0.0.1:" + smtpPort + " (none)"), page);
            String mailboxPassword = ConfigProvider.getConfig().getValue("roundup.bounces.password", String.class);
            assertTrue(mailboxPassword.length() > 12, "a distinctive bounce-mailbox password is set in the test profile");
            assertFalse(page.contains(mailboxPassword), "the page never shows the bounce mailbox's password");
            assertTrue(page.matches("(?s).*id=\"mail-dkim\" class=\"break\">off<.*"), "DKIM is not configured in tests");
            assertTrue(page.matches("(?s).*id=\"mail-bounces\" class=\"break\">not configured<.*"), page);
            assertTrue(page.contains("href=\"/editor/status\""), "linked from the editor's navigation");
            try (Chromium chromium = Chromium.start()) {
                chromium.size(1280, 900).signInAsEditor(base()).open(base() + "/editor/status");
                chromium.screenshot("status-desktop");
                for (int width : new int[] { 320, 375, 390 }) {
                    chromium.size(width, 800).open(base() + "/editor/status");
                    Object wide = chromium.driver().executeScript("return [...document.querySelectorAll('body *')]"
                            + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                            + ".map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');");
                    assertFalse(chromium.overflowsHorizontally(), "the status page fits " + width + " px: " + wide);
                }
                chromium.size(375, 800);
                chromium.screenshot("status-phone");
                assertEquals(List.of(), chromium.policyViolations());
            }
            Api.asEditor().delete("/api/feeds/" + id).then().statusCode(200);
            Api.asEditor().delete("/api/feeds/" + untitled).then().statusCode(200);
            editor.get("/editor/status").then().body(not(containsString("The Failing Blog")));

            boolean hadBackups = Files.isDirectory(backups);
            Path backup = Files.createDirectories(backups).resolve("roundup-20310506-070800.zip");
            Path writing = backups.resolve("roundup-20310507-070800.zip.tmp");
            try {
                Files.writeString(backup, "a backup");
                Files.setLastModifiedTime(backup, FileTime.from(Instant.parse("2031-05-06T07:08:00Z")));
                Files.writeString(writing, "half a backup");
                Files.setLastModifiedTime(writing, FileTime.from(Instant.parse("2031-05-07T07:08:00Z")));
                editor.get("/editor/status").then().body(containsString("2031-05-06 07:08"))
                        .body(not(containsString("2031-05-07 07:08")));
            } finally {
                Files.deleteIfExists(backup);
                Files.deleteIfExists(writing);
                if (!hadBackups) {
                    Files.deleteIfExists(backups);
                }
            }
        }
    }

    @TestHTTPResource("/")
    URL root;

    private String base() {
        return root.toString().replaceAll("/$", "");
    }

    @Test
    void onlyEditorsSeeIt() {
        int status = given().redirects().follow(false).get("/editor/status").then().extract().statusCode();
        assertTrue(status == 302 || status == 303 || status == 401, "answered " + status);
        assertEquals(200, Browser.signedInEditor().get("/editor/status").statusCode());
    }
}
