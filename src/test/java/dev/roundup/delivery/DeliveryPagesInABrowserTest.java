package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.roundup.roundup.Drafts;
import dev.roundup.testing.Api;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.Sends;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * In a real browser, an editor changes an issue and sends it from the same page, then reads how it went: the issue
 * page with its progress, the delivery log of the issue and of a reader, and the bounces page; at phone and desktop
 * widths, with screenshots in target/screenshots/.
 */
@QuarkusTest
// a database of its own (a send goes to every confirmed reader), shared with the other send tests' app start
@TestProfile(SendControlTest.Slow.class)
class DeliveryPagesInABrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    Drafts drafts;

    @Inject
    IssueSends sends;

    @AfterEach
    void nextTestSendsToItsOwnReaders() {
        Sends.retireReaders(sends);
    }

    @Test
    void anEditorSendsFromTheIssuePageAndReadsHowItWent() throws Exception {
        Sends.subscribe(List.of("ada@pages.example.org", "grace@pages.example.org", "linus@pages.example.org"));
        long issueId = drafts.create(LocalDate.of(2020, 3, 9), LocalDate.of(2020, 3, 16)).id;
        int ada = Api.asEditor().get("/api/subscribers?q=ada@pages.example.org").then().extract().path("subscribers[0].id");

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("issue-sent", "/editor/issues/" + issueId);
        pages.put("issue-deliveries", "/editor/issues/" + issueId + "/deliveries");
        pages.put("subscriber-deliveries", "/editor/subscribers/" + ada + "/deliveries");
        pages.put("bounces", "/editor/bounces");
        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.size(1280, 900).signInAsEditor(base);
            // the editor changes the intro, then sends from the same page: "Send now" carries the version just saved
            chromium.open(base + "/editor/issues/" + issueId);
            chromium.driver().findElement(By.id("f-intro")).sendKeys(" Thanks for reading.", Keys.TAB);
            chromium.await(ExpectedConditions.textToBe(By.id("save-status"), "All changes saved."));
            chromium.driver().findElement(By.xpath("//button[text()='Send now']")).click();
            chromium.driver().switchTo().alert().accept();
            chromium.await(d -> d.getPageSource().contains("Sending to 3 readers."));
            assertEquals(3, Sends.awaitState(issueId, "done", Duration.ofSeconds(30)).getInt("sent"));

            for (Map.Entry<String, String> page : pages.entrySet()) {
                for (int width : new int[] {390, 1280}) {
                    chromium.size(width, 900).open(base + page.getValue());
                    if (page.getKey().equals("issue-sent")) {
                        // the top of the page says who got it, and the bar is full
                        assertTrue(chromium.driver().findElement(By.cssSelector("#send-progress h2")).getText().startsWith("Sent to 3 readers on "));
                        assertEquals("3", chromium.driver().findElement(By.cssSelector("#send-progress progress")).getDomAttribute("value"));
                    }
                    chromium.screenshot(page.getKey() + "-" + (width < 600 ? "phone" : "desktop"));
                    assertFalse(chromium.overflowsHorizontally(), page.getKey() + " scrolls sideways at " + width + " px");
                    assertEquals(0, chromium.driver().findElements(By.xpath("//*[contains(text(),'Error 500')]")).size(), page.getKey());
                }
            }
            chromium.size(1280, 900).open(base + "/editor/issues/" + issueId + "/deliveries");
            String log = chromium.driver().findElement(By.tagName("main")).getText();
            for (String reader : List.of("ada@pages.example.org", "grace@pages.example.org", "linus@pages.example.org")) {
                assertTrue(log.contains(reader), "the log lists " + reader + ":\n" + log);
            }
        }
    }
}
