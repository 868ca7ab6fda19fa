package dev.roundup.roundup;

import static dev.roundup.testing.EditingPage.awaitEditor;
import static dev.roundup.testing.EditingPage.awaitSaved;
import static dev.roundup.testing.EditingPage.communityList;
import static dev.roundup.testing.EditingPage.js;
import static dev.roundup.testing.EditingPage.press;
import static dev.roundup.testing.EditingPage.sectionTitles;
import static dev.roundup.testing.EditingPage.titles;
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
            chromium.size(1280, 2400).open(base + "/login?next=/editor/issues/" + issue.id);
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
            chromium.size(1280, 1000).screenshot("issue-editor-desktop");

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

    /**
     * The Monday hour: the draft is there; the editor types the intro and a blurb and reloads without ever leaving
     * the field, and the text is kept; a save the network loses stays unsaved (and leaving still asks) until it is
     * retried; sections move by the ↑ ↓ buttons and by drag; a removed item comes back with Undo; a move made while a
     * removal waits for its answer is saved; the Markdown preview follows the typing; an item's link is corrected in
     * place; a cancel asks first and is undone. The page fits 320, 375 and 390 px phones. Each step is a method, so a
     * failure names the step.
     */
    @Test
    void theMondayHourLosesNothingAndEveryStepCanBeUndone() {
        LocalDate from = LocalDate.of(2031, 6, 2); // a week no other test uses
        for (int i = 0; i < 3; i++) {
            Fixtures.post("Monday post " + i + ": notes on the week", "https://monday.example.org/post/" + i,
                    from.plusDays(1 + i).atTime(9, 0).toInstant(ZoneOffset.UTC), 1);
        }
        Fixtures.project("Monday project", ListingStatus.PUBLISHED, from.plusDays(2).atTime(10, 0).toInstant(ZoneOffset.UTC));
        Issue issue = drafts.create(from, from.plusDays(7)); // what the Monday job does at 06:00
        String base = root.toString().replaceAll("/$", "");

        try (Chromium chromium = Chromium.start()) {
            // tall enough that a dragged section and the top one are both on screen (blurb previews and link cards make
            // the page long), as a drag to a point outside the window is refused
            chromium.size(1280, 3200).open(base + "/login?next=/editor/issues/" + issue.id);
            chromium.driver().findElement(By.name("email")).sendKeys(Browser.EDITOR_EMAIL);
            chromium.driver().findElement(By.name("password")).sendKeys(Browser.EDITOR_PASSWORD, Keys.ENTER);
            awaitEditor(chromium);
            List<String> sectionsAtFirst = sectionTitles(chromium);
            List<String> itemsAtFirst = titles(communityList(chromium));

            textIsSavedWhileTypedAndKeptAfterAReload(chromium);
            aSaveTheNetworkLostStaysUnsavedUntilRetried(chromium, issue);
            aClearedTitleSaysWhyItIsNotSaved(chromium);
            sectionsMoveByKeyboardAndByDrag(chromium, sectionsAtFirst);
            aRemovedItemComesBackWithUndo(chromium, itemsAtFirst);
            aLinkIsCorrectedInPlace(chromium);
            aColleaguesChangeOffersAReloadNeverAnOverwrite(chromium, issue, itemsAtFirst);
            aMoveMadeWhileARemovalWaitsIsSaved(chromium, issue);
            cancellingAsksFirstAndIsUndone(chromium, issue);
            thePageFitsPhones(chromium, base + "/editor/issues/" + issue.id);
        }
    }

    /** Typing, never leaving the field: saved while typing, and leaving early would ask first. */
    private static void textIsSavedWhileTypedAndKeptAfterAReload(Chromium chromium) {
        WebElement intro = chromium.driver().findElement(By.id("f-intro"));
        intro.clear();
        intro.sendKeys("Hello {name}, this week **three posts** and [a project](https://monday.example.org/p).");
        assertTrue(leavingAsks(chromium), "leaving with unsaved text asks first");
        awaitSaved(chromium);
        assertFalse(leavingAsks(chromium), "nothing to ask once saved");
        chromium.await(d -> d.findElement(By.cssSelector("[data-preview-of=f-intro] [data-preview-body]")).getAttribute("innerHTML")
                .contains("<strong>three posts</strong>"));
        WebElement blurb = communityList(chromium).findElements(By.cssSelector("[data-blurb]")).get(0);
        blurb.clear();
        blurb.sendKeys("Worth reading before the week starts.");
        awaitSaved(chromium);
        chromium.size(1280, 1000).screenshot("issue-editor-typing");
        chromium.size(1280, 3200);

        chromium.driver().navigate().refresh();
        awaitEditor(chromium);
        assertEquals("Hello {name}, this week **three posts** and [a project](https://monday.example.org/p).",
                chromium.driver().findElement(By.id("f-intro")).getAttribute("value"), "the intro was kept without a blur");
        assertEquals("Worth reading before the week starts.",
                communityList(chromium).findElements(By.cssSelector("[data-blurb]")).get(0).getAttribute("value"));
        chromium.await(d -> d.findElement(By.cssSelector("[data-preview-of=f-intro] [data-preview-body]")).getAttribute("innerHTML")
                .contains("href=\"https://monday.example.org/p\""));
    }

    /**
     * The network loses the subject's saves: the status says so and leaving still asks, also after another field saved
     * fine meanwhile (never "All changes saved."); once the network is back, leaving the field tries again and all is saved.
     */
    private static void aSaveTheNetworkLostStaysUnsavedUntilRetried(Chromium chromium, Issue issue) {
        // the subject's saves are lost on the way (also the retry when the field is left), the others go through
        js(chromium, "const real = window.fetch; window.subjectLost = true; window.fetch = (url, options) => {"
                + " if (window.subjectLost && options && options.method === 'PUT' && String(options.body).includes('\\\"subject\\\"')) {"
                + "   return Promise.reject(new TypeError('network down')); }"
                + " return real(url, options); };");
        WebElement subject = chromium.driver().findElement(By.id("f-subject"));
        String typed = subject.getAttribute("value") + " (lost once)";
        subject.sendKeys(" (lost once)");
        chromium.await(ExpectedConditions.textToBePresentInElementLocated(By.id("save-status"), "could not be reached"));

        WebElement blurb = communityList(chromium).findElements(By.cssSelector("[data-blurb]")).get(1);
        blurb.sendKeys(" Saved fine.");
        chromium.await(d -> blurbOnServer(issue, 1).endsWith(" Saved fine."));
        chromium.await(ExpectedConditions.textToBePresentInElementLocated(By.id("save-status"), "Unsaved:"));
        assertFalse(status(chromium).contains("All changes saved"), status(chromium));
        assertTrue(leavingAsks(chromium), "the lost subject still asks before leaving");
        assertFalse(IssueView.load(issue.id).orElseThrow().subject().endsWith("(lost once)"));

        js(chromium, "window.subjectLost = false;");
        press(chromium, subject);
        subject.sendKeys(Keys.TAB); // leaving the field tries again
        awaitSaved(chromium);
        assertFalse(leavingAsks(chromium), "nothing to ask once the retry is saved");
        assertEquals(typed, IssueView.load(issue.id).orElseThrow().subject());
    }

    /** A title just cleared is held back while typing, and the status says why instead of "Saving…". */
    private static void aClearedTitleSaysWhyItIsNotSaved(Chromium chromium) {
        WebElement title = communityList(chromium).findElements(By.cssSelector("[data-title]")).get(0);
        String before = title.getAttribute("value");
        title.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        chromium.await(ExpectedConditions.textToBe(By.id("save-status"), "Unsaved: a title can't be empty."));
        assertTrue(leavingAsks(chromium), "a held-back title still asks before leaving");
        title.sendKeys(before); // typed back as it was: nothing to save
        awaitSaved(chromium);
        assertFalse(leavingAsks(chromium));
    }

    /** Sections by keyboard (the first goes down, the third up, the focus stays), then by drag, kept after a reload. */
    private static void sectionsMoveByKeyboardAndByDrag(Chromium chromium, List<String> sectionsAtFirst) {
        WebElement down = chromium.driver().findElements(By.cssSelector("[data-section]")).get(0).findElement(By.cssSelector("[data-section-down]"));
        press(chromium, down);
        awaitSaved(chromium);
        assertEquals(down, chromium.driver().switchTo().activeElement(), "the focus stays on the button");
        List<String> swapped = new java.util.ArrayList<>(sectionsAtFirst);
        java.util.Collections.swap(swapped, 0, 1);
        assertEquals(swapped, sectionTitles(chromium));
        press(chromium, chromium.driver().findElements(By.cssSelector("[data-section]")).get(2).findElement(By.cssSelector("[data-section-up]")));
        awaitSaved(chromium);
        java.util.Collections.swap(swapped, 1, 2);
        assertEquals(swapped, sectionTitles(chromium));

        // the last section's handle to the top
        List<WebElement> handles = chromium.driver().findElements(By.cssSelector("[data-section] .section-handle"));
        WebElement top = chromium.driver().findElements(By.cssSelector("[data-section]")).get(0);
        // the whole page on screen, top to bottom: a drag to a point outside the window is refused, and the sections
        // hold what earlier tests left in this shared database, so the page is as long as it happens to be
        Number height = (Number) ((org.openqa.selenium.JavascriptExecutor) chromium.driver())
                .executeScript("return document.documentElement.scrollHeight");
        chromium.size(1280, Math.min(height.intValue() + 300, 16000));
        ((org.openqa.selenium.JavascriptExecutor) chromium.driver()).executeScript("window.scrollTo(0, 0)");
        new Actions(chromium.driver()).clickAndHold(handles.get(handles.size() - 1)).pause(Duration.ofMillis(200)).moveByOffset(0, -10)
                .pause(Duration.ofMillis(200)).moveToElement(top, 0, -top.getSize().getHeight() / 2 + 4)
                .pause(Duration.ofMillis(300)).release().perform();
        awaitSaved(chromium);
        List<String> dragged = new java.util.ArrayList<>(swapped);
        dragged.add(0, dragged.remove(dragged.size() - 1));
        assertEquals(dragged, sectionTitles(chromium), "dragged to the top");
        chromium.driver().navigate().refresh();
        awaitEditor(chromium);
        assertEquals(dragged, sectionTitles(chromium), "the section order was saved");
    }

    /** Remove an item, then Undo: it is back at its place, with the counts following. */
    private static void aRemovedItemComesBackWithUndo(Chromium chromium, List<String> itemsAtFirst) {
        press(chromium, communityList(chromium).findElements(By.cssSelector("[data-item]")).get(1).findElement(By.cssSelector("[data-remove]")));
        chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("toast")));
        awaitSaved(chromium);
        assertEquals(itemsAtFirst.size() - 1, titles(communityList(chromium)).size());
        assertTrue(chromium.driver().findElement(By.id("toast")).getText().contains(itemsAtFirst.get(1)));
        assertTrue(communityCount(chromium).startsWith((itemsAtFirst.size() - 1) + " of " + (itemsAtFirst.size() - 1)), communityCount(chromium));
        chromium.screenshot("issue-editor-undo");
        chromium.driver().findElement(By.cssSelector("#toast [data-undo]")).click();
        awaitSaved(chromium);
        assertEquals(itemsAtFirst, titles(communityList(chromium)));
        assertTrue(communityCount(chromium).startsWith(itemsAtFirst.size() + " of " + itemsAtFirst.size()), communityCount(chromium));
    }

    private static void aLinkIsCorrectedInPlace(Chromium chromium) {
        WebElement first = communityList(chromium).findElements(By.cssSelector("[data-item]")).get(0);
        first.findElement(By.cssSelector("[data-edit-url]")).click();
        WebElement url = first.findElement(By.cssSelector("[data-url]"));
        url.clear();
        url.sendKeys("https://monday.example.org/post/0-fixed", Keys.ENTER);
        awaitSaved(chromium);
        assertEquals("https://monday.example.org/post/0-fixed", first.findElement(By.cssSelector("[data-item-link]")).getText());
    }

    /** Another editor changes the issue meanwhile: typing here is refused with a way to reload, never saved over theirs. */
    private void aColleaguesChangeOffersAReloadNeverAnOverwrite(Chromium chromium, Issue issue, List<String> itemsAtFirst) {
        curation.updateFields(issue.id, IssueView.load(issue.id).orElseThrow().version(),
                new Curation.Fields(null, "Changed by a colleague", null, null, null, null, null, null));
        chromium.driver().findElement(By.id("f-intro")).sendKeys(" More.");
        chromium.await(ExpectedConditions.textToBePresentInElementLocated(By.id("save-status"), "changed by someone else"));
        WebElement reload = chromium.driver().findElement(By.cssSelector("#save-status button"));
        assertEquals("Reload the page", reload.getText());
        chromium.screenshot("issue-editor-conflict");
        reload.click();
        chromium.await(ExpectedConditions.textToBe(By.id("save-status"), "Every change is saved as you make it."));
        assertEquals("Changed by a colleague", chromium.driver().findElement(By.id("f-subject")).getAttribute("value"));
        awaitEditor(chromium);
        assertEquals(itemsAtFirst, titles(communityList(chromium)), "the undo was saved");
        assertEquals("https://monday.example.org/post/0-fixed", communityList(chromium).findElement(By.cssSelector("[data-item-link]")).getText());
    }

    /**
     * The server answers a removal slowly and the editor moves another item meanwhile: the move waits behind the
     * removal and is sent as the page is when it goes out, without the removed item, so it is saved.
     */
    private static void aMoveMadeWhileARemovalWaitsIsSaved(Chromium chromium, Issue issue) {
        js(chromium, "const real = window.fetch; window.fetch = (url, options) => {"
                + " if (options && options.method === 'DELETE') {"
                + "   window.fetch = real; return new Promise(r => setTimeout(r, 1500)).then(() => real(url, options)); }"
                + " return real(url, options); };");
        List<String> before = titles(communityList(chromium));
        List<WebElement> items = communityList(chromium).findElements(By.cssSelector("[data-item]"));
        press(chromium, items.get(0).findElement(By.cssSelector("[data-remove]")));
        press(chromium, items.get(items.size() - 1).findElement(By.cssSelector("[data-up]")));
        List<String> expected = new java.util.ArrayList<>(before.subList(1, before.size()));
        java.util.Collections.swap(expected, expected.size() - 1, expected.size() - 2);
        awaitSaved(chromium);
        assertEquals(expected, titles(communityList(chromium)));
        chromium.driver().navigate().refresh();
        awaitEditor(chromium);
        assertEquals(expected, titles(communityList(chromium)), "the removal and the move were both saved");
    }

    /** Cancelling asks first; saying no keeps the draft, saying yes cancels, and Undo restores it. */
    private static void cancellingAsksFirstAndIsUndone(Chromium chromium, Issue issue) {
        WebElement cancel = chromium.driver().findElement(By.xpath("//button[normalize-space()='Cancel this issue']"));
        cancel.click();
        chromium.await(ExpectedConditions.alertIsPresent()).dismiss();
        assertEquals("draft", IssueView.load(issue.id).orElseThrow().status(), "dismissed: still a draft");
        chromium.driver().findElement(By.xpath("//button[normalize-space()='Cancel this issue']")).click();
        chromium.await(ExpectedConditions.alertIsPresent()).accept();
        chromium.await(d -> !d.findElement(By.cssSelector("[data-preview-of=f-intro] [data-preview-body]")).getText().isEmpty());
        WebElement restore = chromium.await(ExpectedConditions.elementToBeClickable(By.xpath("//button[contains(., 'Undo: restore')]")));
        chromium.screenshot("issue-editor-cancelled");
        restore.click();
        chromium.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "restored"));
        assertEquals("draft", chromium.driver().findElement(By.cssSelector(".page-head .status")).getText());
        assertEquals(List.of(), chromium.policyViolations(), "nothing refused by the Content-Security-Policy");
    }

    private static void thePageFitsPhones(Chromium chromium, String page) {
        for (int width : new int[] { 320, 375, 390 }) {
            chromium.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", false));
            chromium.open(page);
            awaitEditor(chromium);
            assertEquals(width, ((Number) js(chromium, "return window.innerWidth;")).intValue());
            assertTrue(Boolean.TRUE.equals(js(chromium, "return document.documentElement.scrollWidth <= window.innerWidth;")),
                    "no sideways scroll at " + width + " px: " + js(chromium, "return document.documentElement.scrollWidth + ' wide because of '"
                            + " + [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)"
                            + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8).join(', ');"));
            chromium.await(d -> !d.findElement(By.cssSelector("[data-preview-of=f-intro] [data-preview-body]")).getText().isEmpty());
            if (width == 320) {
                chromium.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width,
                        "height", ((Number) js(chromium, "return document.documentElement.scrollHeight;")).intValue(),
                        "deviceScaleFactor", 1, "mobile", false));
                chromium.screenshot("issue-editor-320");
            }
        }
        chromium.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
    }

    private static boolean leavingAsks(Chromium chromium) {
        return Boolean.TRUE.equals(js(chromium, "const e = new Event('beforeunload', {cancelable: true});"
                + " window.dispatchEvent(e); return e.defaultPrevented;"));
    }

    private static String blurbOnServer(Issue issue, int index) {
        String blurb = CurationTest.community(IssueView.load(issue.id).orElseThrow()).items().get(index).blurb();
        return blurb == null ? "" : blurb;
    }

    private static String status(Chromium chromium) {
        return chromium.driver().findElement(By.id("save-status")).getText();
    }

    private static String communityCount(Chromium chromium) {
        return communityList(chromium).findElement(By.xpath("ancestor::section[1]")).findElement(By.cssSelector("[data-count]")).getText();
    }

}
