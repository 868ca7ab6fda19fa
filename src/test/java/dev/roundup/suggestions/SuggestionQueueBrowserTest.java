package dev.roundup.suggestions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The queue of suggested links in a real browser: warnings beside each link, accepting one with a title, at a phone's width too. */
@QuarkusTest
class SuggestionQueueBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void theQueueShowsItsWarningsAndAcceptsALinkInTheBrowser() {
        Fixtures.post("Rust 2030: what the survey says", "https://blog.queue.example.org/rust-2030", Instant.parse("2005-06-01T10:00:00Z"), 2);
        Browser reader = new Browser();
        reader.post("/suggest", Map.of("url", "https://blog.queue.example.org/rust-2030?utm_medium=social",
                "note", "The survey results, with charts.", "name", "Ada Lovelace", "email", "ada@queue.example.org")).then().statusCode(303);
        reader.post("/suggest", Map.of("url", "https://tools.queue.example.org/borrow-checker-visualised",
                "note", "An interactive tour of the borrow checker.", "name", "Grace Hopper")).then().statusCode(303);
        reader.post("/suggest", Map.of("url", "https://tools.queue.example.org/borrow-checker-visualised",
                "name", "Linus")).then().statusCode(303);
        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.signInAsEditor(base);
            chromium.size(1280, 900).open(base + "/editor/suggestions");
            String page = chromium.driver().findElement(By.tagName("main")).getText();
            assertTrue(page.contains("Already in the river: “Rust 2030: what the survey says”"), page);
            assertTrue(page.contains("Also suggested once more (pending)."), page);
            chromium.screenshot("editor-suggestions-desktop");
            chromium.size(375, 800);
            assertFalse(chromium.overflowsHorizontally(), "the queue scrolls sideways at 375 px");
            chromium.screenshot("editor-suggestions-375");

            chromium.size(1280, 900);
            org.openqa.selenium.WebElement card = chromium.driver().findElements(By.cssSelector("section.suggestion")).stream()
                    .filter(c -> c.getText().contains("Grace Hopper")).findFirst().orElseThrow();
            card.findElement(By.name("title")).sendKeys("The borrow checker, visualised");
            card.findElement(By.cssSelector("button[value=accept]")).click();
            chromium.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Accepted: offered in the next draft."));
            chromium.open(base + "/editor/suggestions?status=accepted");
            assertTrue(chromium.driver().findElement(By.tagName("main")).getText().contains("as “The borrow checker, visualised”"));
        }
    }
}
