package dev.roundup.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.roundup.listings.ListingStatus;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The editor's Monday morning in a real browser: sign in, open the draft, drag one item above another, rewrite a
 * blurb, leave an item out, reload: all of it was saved. Screenshots of the editing page and the previews.
 */
@QuarkusTest
class IssueEditorBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    @Test
    void dragEditExcludeAndFindItSavedAfterAReload() {
        LocalDate from = LocalDate.of(2027, 3, 8); // a week no other test uses
        String[][] posts = {
                { "How I deploy my projects to a single VPS with Gitea, NGINX and Docker", "Django community" },
                { "The Python Standard REPL: Try Out Code and Ideas Quickly", "Real Python" },
                { "Using AI to rewrite blog post comments", "Peter Bengtsson" },
                { "Unnecessary parentheses in Python", "Python Morsels" } };
        for (int i = 0; i < posts.length; i++) {
            Fixtures.post(posts[i][0], "https://browser.example.org/post/" + i, from.plusDays(1 + i).atTime(9, 0).toInstant(ZoneOffset.UTC), 1);
        }
        Fixtures.project("TuxSEO", ListingStatus.PUBLISHED, from.plusDays(2).atTime(10, 0).toInstant(ZoneOffset.UTC));
        Fixtures.job("Senior Django Developer", ListingStatus.PUBLISHED, from.plusDays(3).atTime(10, 0).toInstant(ZoneOffset.UTC),
                java.time.Instant.now().plus(Duration.ofDays(20)));
        Issue issue = drafts.create(from, from.plusDays(7));
        String base = root.toString().replaceAll("/$", "");

        try (Chromium chromium = Chromium.start()) {
            chromium.size(1280, 1000).open(base + "/login?next=/editor/issues/" + issue.id);
            chromium.driver().findElement(By.name("email")).sendKeys(Browser.EDITOR_EMAIL);
            chromium.driver().findElement(By.name("password")).sendKeys(Browser.EDITOR_PASSWORD, Keys.ENTER);
            chromium.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-section-items]")));

            WebElement community = communityList(chromium);
            List<String> before = titles(community);
            assertEquals(4, before.size());

            // drag the third item above the first
            WebElement source = community.findElements(By.cssSelector("[data-item] .handle")).get(2);
            WebElement target = community.findElements(By.cssSelector("[data-item]")).get(0);
            new Actions(chromium.driver()).clickAndHold(source).pause(Duration.ofMillis(200)).moveByOffset(0, -10)
                    .pause(Duration.ofMillis(200)).moveToElement(target, 0, -target.getSize().getHeight() / 2 + 4)
                    .pause(Duration.ofMillis(300)).release().perform();
            awaitSaved(chromium);
            List<String> dragged = titles(communityList(chromium));
            assertEquals(before.get(2), dragged.get(0), "dragged to the top: " + dragged);

            // the keyboard way: move the (new) second item down
            communityList(chromium).findElements(By.cssSelector("[data-item]")).get(1).findElement(By.cssSelector("[data-down]")).click();
            awaitSaved(chromium);
            List<String> moved = titles(communityList(chromium));

            WebElement blurb = communityList(chromium).findElements(By.cssSelector("[data-blurb]")).get(0);
            blurb.clear();
            blurb.sendKeys("A one-VPS setup worth copying.", Keys.TAB); // leaving the field saves it
            awaitSaved(chromium);

            communityList(chromium).findElements(By.cssSelector("[data-included]")).get(3).click();
            awaitSaved(chromium);
            chromium.screenshot("issue-editor-desktop");

            chromium.driver().navigate().refresh();
            chromium.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-section-items]")));
            WebElement reloaded = communityList(chromium);
            assertEquals(moved, titles(reloaded), "order saved");
            assertEquals("A one-VPS setup worth copying.", reloaded.findElements(By.cssSelector("[data-blurb]")).get(0).getAttribute("value"));
            assertFalse(reloaded.findElements(By.cssSelector("[data-included]")).get(3).isSelected(), "exclusion saved");
            assertTrue(reloaded.findElements(By.cssSelector("[data-item]")).get(3).getAttribute("class").contains("excluded"));

            chromium.size(390, 900).open(base + "/editor/issues/" + issue.id);
            assertFalse(chromium.overflowsHorizontally(), "the editing page fits a phone");
            chromium.screenshot("issue-editor-phone");
            chromium.size(1280, 1000).open(base + "/editor/issues/" + issue.id + "/preview");
            chromium.screenshot("issue-preview");
            chromium.size(375, 900).open(base + "/editor/issues/" + issue.id + "/preview/email");
            assertFalse(chromium.overflowsHorizontally(), "the email fits 375 px");
            chromium.screenshot("email-375");
            chromium.size(800, 900).open(base + "/editor/issues/" + issue.id + "/preview/email");
            chromium.screenshot("email-800");

            curation.updateFields(issue.id, IssueView.load(issue.id).orElseThrow().version(), new Curation.Fields(null, null, null, null,
                    "TuxSEO", "https://tuxseo.example.org/", "your AI content team on auto-pilot.", null));
            curation.changeStatus(issue.id, IssueStatus.SENDING, null);
            curation.changeStatus(issue.id, IssueStatus.SENT, null);
            Integer number = IssueView.load(issue.id).orElseThrow().number(); // given as it went out
            chromium.size(1280, 900).open(base + "/archive/" + number);
            assertTrue(chromium.driver().getPageSource().contains("This issue is sponsored by"));
            chromium.screenshot("archive-issue-desktop");
            chromium.size(390, 900).open(base + "/archive/" + number);
            assertFalse(chromium.overflowsHorizontally(), "the archive page fits a phone");
            chromium.screenshot("archive-issue-phone");
        }
    }

    private static void awaitSaved(Chromium chromium) {
        chromium.await(ExpectedConditions.textToBe(By.id("save-status"), "All changes saved."));
        chromium.await(d -> {
            String text = d.findElement(By.id("save-status")).getText();
            return text.equals("All changes saved.");
        });
    }

    private static WebElement communityList(Chromium chromium) {
        return chromium.driver().findElements(By.cssSelector("[data-section]")).stream()
                .filter(s -> s.findElement(By.cssSelector("[data-section-title]")).getAttribute("value").equals("From the Community"))
                .findFirst().orElseThrow().findElement(By.cssSelector("[data-section-items]"));
    }

    private static List<String> titles(WebElement list) {
        return list.findElements(By.cssSelector("[data-title]")).stream().map(e -> e.getAttribute("value")).toList();
    }
}
