package dev.roundup.delivery;

import static dev.roundup.testing.EditingPage.awaitEditor;
import static dev.roundup.testing.EditingPage.awaitSaved;
import static dev.roundup.testing.EditingPage.communityList;
import static dev.roundup.testing.EditingPage.press;
import static dev.roundup.testing.EditingPage.sectionTitles;
import static dev.roundup.testing.EditingPage.titles;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.roundup.listings.ListingStatus;
import dev.roundup.roundup.Drafts;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.Fixtures;
import dev.roundup.testing.Mails;
import dev.roundup.testing.Sends;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The whole Monday in one browser: the draft is there with the week's posts and listings; the editor writes the intro
 * and a Markdown blurb while typing (previewed live), reloads and finds the text kept, moves a section, removes an item
 * and undoes it, previews the email (the blurb rendered), sends after a confirmation that says how many readers get
 * it, and watches the progress at the top of the page until it says sent; the mail arrives in GreenMail. At
 * SendVisibleTest's 40 messages a second, so the send can be watched; screenshots in target/screenshots/.
 */
@QuarkusTest
@TestProfile(SendControlTest.Slow.class)
class MondayBrowserTest {

    private static final Pattern READERS = Pattern.compile("to (\\d+) readers?\\?");
    private static final String INTRO = "Hello {firstName}, **three posts** and a project this week.";
    private static final String BLURB = "A **must read** before [the week](https://monday-walk.example.org/week) starts.";

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
    void fromTheDraftToTheReadersInbox() throws Exception {
        LocalDate from = LocalDate.of(2019, 9, 2); // a week no other test uses, past, so its listings are approved by now
        for (int i = 0; i < 3; i++) {
            Fixtures.post("Walk post " + i + ": what the week brought", "https://monday-walk.example.org/post/" + i,
                    from.plusDays(1 + i).atTime(9, 0).toInstant(ZoneOffset.UTC), 3 - i);
        }
        Fixtures.project("Walk project", ListingStatus.PUBLISHED, from.plusDays(2).atTime(10, 0).toInstant(ZoneOffset.UTC));
        Fixtures.job("Walk Engineer", ListingStatus.PUBLISHED, from.plusDays(2).atTime(11, 0).toInstant(ZoneOffset.UTC),
                java.time.Instant.now().plus(Duration.ofDays(30)));
        // enough readers that the send takes a few seconds at 40 a second, so its progress can be seen
        Sends.subscribe(IntStream.range(0, 200).mapToObj(i -> "walk" + i + "@monday-walk.example.org").toList());
        long issueId = drafts.create(from, from.plusDays(7)).id; // what the Monday job does at 06:00
        String base = root.toString().replaceAll("/$", "");
        String page = base + "/editor/issues/" + issueId;

        try (Chromium chromium = Chromium.start()) {
            chromium.size(1280, 1000).signInAsEditor(base).open(page);
            awaitEditor(chromium);
            List<String> sections = sectionTitles(chromium);
            List<String> items = titles(communityList(chromium));
            assertEquals(3, items.size(), "the week's posts are in the draft: " + items);
            List<String> all = chromium.driver().findElements(By.cssSelector("[data-title]")).stream().map(e -> e.getAttribute("value")).toList();
            assertTrue(all.contains("Walk project") && all.contains("Walk Engineer at Acme"), "and its listings: " + all);

            // curate while typing: never leaving a field, every word is saved and previewed as readers will see it
            WebElement intro = chromium.driver().findElement(By.id("f-intro"));
            intro.clear();
            intro.sendKeys(INTRO);
            WebElement blurb = communityList(chromium).findElements(By.cssSelector("[data-blurb]")).get(0);
            blurb.clear();
            blurb.sendKeys(BLURB);
            awaitSaved(chromium);
            chromium.await(d -> d.findElement(By.cssSelector("[data-preview-of=" + blurb.getAttribute("id") + "] [data-preview-body]"))
                    .getAttribute("innerHTML").contains("<strong>must read</strong>"));
            chromium.await(d -> d.findElement(By.cssSelector("[data-preview-of=f-intro] [data-preview-body]"))
                    .getAttribute("innerHTML").contains("<strong>three posts</strong>"));
            chromium.screenshot("monday-curating");

            // a section moves down by its button; an item is removed and comes back with Undo
            press(chromium, chromium.driver().findElements(By.cssSelector("[data-section]")).get(0).findElement(By.cssSelector("[data-section-down]")));
            awaitSaved(chromium);
            List<String> moved = new ArrayList<>(sections);
            Collections.swap(moved, 0, 1);
            assertEquals(moved, sectionTitles(chromium));
            press(chromium, communityList(chromium).findElements(By.cssSelector("[data-item]")).get(1).findElement(By.cssSelector("[data-remove]")));
            chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("toast")));
            awaitSaved(chromium);
            assertEquals(items.size() - 1, titles(communityList(chromium)).size());
            chromium.driver().findElement(By.cssSelector("#toast [data-undo]")).click();
            awaitSaved(chromium);
            assertEquals(items, titles(communityList(chromium)), "Undo put it back at its place");

            chromium.driver().navigate().refresh();
            awaitEditor(chromium);
            assertEquals(INTRO, chromium.driver().findElement(By.id("f-intro")).getAttribute("value"), "the intro was kept");
            assertEquals(BLURB, communityList(chromium).findElements(By.cssSelector("[data-blurb]")).get(0).getAttribute("value"), "and the blurb");
            assertEquals(moved, sectionTitles(chromium), "and the section order");
            assertEquals(items, titles(communityList(chromium)), "and the item that came back");

            // the preview shows the blurb's Markdown rendered, as the email will
            chromium.open(page + "/preview");
            chromium.screenshot("monday-preview");
            chromium.open(page + "/preview/email");
            assertEquals("must read", chromium.driver().findElement(By.cssSelector(".item-blurb strong")).getText());
            assertEquals("the week", chromium.driver().findElement(By.cssSelector(".item-blurb a")).getText());

            // send: the confirmation says how many readers; the progress is at the top of the page until it is sent
            chromium.open(page);
            awaitEditor(chromium);
            press(chromium, chromium.driver().findElement(By.cssSelector("form[action$='/send'] button")));
            Alert confirm = chromium.await(ExpectedConditions.alertIsPresent());
            Matcher asked = READERS.matcher(confirm.getText());
            assertTrue(asked.find(), confirm.getText());
            long readers = Long.parseLong(asked.group(1));
            assertTrue(readers >= 200, "every confirmed reader, ours among them: " + confirm.getText());
            confirm.accept();
            chromium.await(d -> d.findElement(By.cssSelector("#send-progress h2")).getText().startsWith("Sending to " + readers + " readers"));
            assertTrue(chromium.driver().findElement(By.cssSelector("#issue > .send-progress")).isDisplayed(), "at the top of the page");
            chromium.screenshot("monday-sending");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> chromium.driver()
                    .findElement(By.cssSelector("#send-progress h2")).getText().startsWith("Sent to " + readers + " readers on "));
            chromium.screenshot("monday-sent");
            assertEquals(List.of(), chromium.policyViolations(), "nothing refused by the Content-Security-Policy");
        }

        MimeMessage mail = Mails.await("walk7@monday-walk.example.org", 1, Duration.ofSeconds(30)).get(0);
        String html = Mails.part(mail, "text/html");
        assertTrue(html.contains("<strong>must read</strong>"), "the blurb's Markdown in the mail");
        assertTrue(html.contains("<strong>three posts</strong>"), "and the intro's");
        assertTrue(Mails.part(mail, "text/plain").contains("A must read before \"the week\""),
                "the text part reads the blurb as text, the link as its words and address");
    }
}
