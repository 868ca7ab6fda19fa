package dev.roundup.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import dev.roundup.roundup.Curation;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.IssueStatus;
import dev.roundup.roundup.IssueView;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A 120-character word (an identifier pasted into an excerpt, a bare link) in every place an issue shows text: titles,
 * excerpts, blurbs, a section note, the sponsor and the intro. Rendered in headless Chromium at 320, 375 and 800 px,
 * nothing is wider than the screen: the email, the river, the archive page and the editor's pages.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongWordsWidthTest {

    static final List<Integer> WIDTHS = List.of(320, 375, 800);
    /** Gmail cuts a message's HTML after 102 KB and hides the rest behind "[Message clipped]". */
    static final int GMAIL_CLIP = 102 * 1024;

    @TestHTTPResource("/")
    URL root;

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    @Inject
    IssueRenderer renderer;

    long issueId;

    /** A word of exactly 120 letters without a place a browser would break it. */
    static String word(String tag) {
        String w = (tag + "AbstractSingletonProxyFactoryBeanConfigurationResolver").repeat(4);
        return w.substring(0, 120);
    }

    static String link(String tag) {
        String u = "https://long.example.org/" + tag + "/" + "segment_with_underscores-and-dashes.".repeat(4);
        return u.substring(0, 120);
    }

    @BeforeAll
    void anIssueFullOfLongWords() {
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            String title = i == 0 ? "Title " + word("title") : i == 1 ? "See " + link("title") : "A normal post number " + i + " about Python";
            Fixtures.post(title, "https://long.example.org/post/" + i, now.minus(Duration.ofMinutes(30 + i)), 50);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        issueId = drafts.create(today.minusDays(3), today.plusDays(1)).id;
        IssueView view = IssueView.load(issueId).orElseThrow();
        long v = view.version();
        v = curation.updateFields(issueId, v, new Curation.Fields("Issue " + word("issue"), null,
                "Hey {name}, " + word("intro") + " is the word of the week.\n\nRead " + link("intro") + " and `" + word("code") + "`.",
                null, "Sponsor " + word("sponsorname"), "https://sponsor.example.org/", "Try " + word("sponsortext") + " " + link("sponsor"), null));
        IssueView.SectionView community = view.sections().stream().filter(s -> s.kind().equals("community")).findFirst().orElseThrow();
        String sentence = "A blurb the editor wrote, about as long as the ones a week brings, with a few words on why it matters to readers. ";
        for (IssueView.ItemView item : community.items().stream().filter(IssueView.ItemView::included).toList()) {
            v = curation.updateItem(issueId, v, item.id(), new Curation.ItemChange(null, sentence + sentence + word("blurb" + item.id()), true));
        }
        v = curation.updateSection(issueId, v, community.id(), community.title(), "A note with " + word("note") + ".");
        v = curation.addLink(issueId, v, community.id(), link("linktitle"), link("linkurl"), "Blurb " + link("linkblurb"));
        IssueView curated = IssueView.load(issueId).orElseThrow();
        assertTrue(curated.sections().stream().flatMap(s -> s.items().stream()).filter(IssueView.ItemView::included)
                .anyMatch(i -> i.title().contains(word("title"))), "the long title made it into the issue");
    }

    @Test
    void theEmailFitsEveryScreenAndStaysUnderGmailsClipping() throws Exception {
        RenderedIssue.Message m = renderer.render(issueId).forReader("Lena Schmidt", "https://news.example.org/unsubscribe/T");
        assertTrue(m.html().getBytes(StandardCharsets.UTF_8).length < GMAIL_CLIP, "HTML " + m.html().length() + " bytes");
        assertTrue(m.text().getBytes(StandardCharsets.UTF_8).length < GMAIL_CLIP, "text " + m.text().length() + " bytes");
        Path file = Path.of("target/width/email-" + issueId + ".html").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, m.html());
        try (Chromium chromium = Chromium.start()) {
            for (int width : WIDTHS) {
                chromium.size(width, 900).open(file.toUri().toString());
                assertTrue(shown(chromium, word("title")), "the long title is shown");
                assertFits(chromium, "email at " + width);
                chromium.screenshot("email-long-words-" + width);
            }
            // a mail client that reads no CSS wrapping rules: the <wbr> and the fixed table layout alone keep it narrow
            String noWrapping = m.html().replaceAll("(?i)(overflow-wrap|word-break|word-wrap)\\s*:\\s*[^;\"}]*;?", "");
            assertFalse(noWrapping.matches("(?is).*(overflow-wrap|word-break|word-wrap).*"), "every wrapping rule is gone");
            Path bare = file.resolveSibling("email-" + issueId + "-no-wrapping-css.html");
            Files.writeString(bare, noWrapping);
            chromium.size(320, 900).open(bare.toUri().toString());
            assertTrue(shown(chromium, word("title")), "the long title is shown");
            assertFits(chromium, "email without CSS wrapping at 320");
            chromium.screenshot("email-long-words-no-wrapping-css-320");
        }
    }

    @Test
    void theRiverTheArchiveAndTheEditorFitEveryScreen() {
        String base = root.toString().replaceAll("/$", "");
        try (Chromium chromium = Chromium.start()) {
            chromium.signInAsEditor(base);
            for (int width : WIDTHS) {
                chromium.size(width, 900).open(base + "/editor/issues/" + issueId);
                assertFits(chromium, "editor at " + width);
            }
            chromium.size(375, 900).screenshot("editor-long-words-375");

            chromium.size(1280, 1000).open(base + "/editor/issues/" + issueId + "/preview");
            List<org.openqa.selenium.WebElement> warnings = chromium.driver().findElements(By.cssSelector("[data-too-wide]"));
            assertEquals(2, warnings.size());
            chromium.await(d -> ((JavascriptExecutor) d).executeScript("return Array.from(document.querySelectorAll('iframe'))"
                    + ".every(f => f.contentDocument && f.contentDocument.readyState === 'complete')"));
            assertTrue(warnings.stream().noneMatch(org.openqa.selenium.WebElement::isDisplayed), "the email fits: no warning");
            // an email wider than the phone: the warning says so
            ((JavascriptExecutor) chromium.driver()).executeScript("var f = document.querySelector('iframe');"
                    + "var d = f.contentDocument.createElement('div'); d.style.width = '900px'; d.textContent = 'wide';"
                    + "f.contentDocument.body.appendChild(d); f.dispatchEvent(new Event('load'));");
            assertTrue(warnings.get(0).isDisplayed(), "the phone preview warns");
            assertTrue(warnings.get(0).getText().contains("wider") || warnings.get(0).getText().contains("px wide"), warnings.get(0).getText());
            chromium.screenshot("preview-too-wide-warning");

            curation.changeStatus(issueId, IssueStatus.SENDING, null);
            curation.changeStatus(issueId, IssueStatus.SENT, null);
            int number = IssueView.load(issueId).orElseThrow().number(); // given as it went out
            for (int width : WIDTHS) {
                chromium.size(width, 900).open(base + "/river");
                assertTrue(shown(chromium, word("title")), "the long title is on the river");
                assertFits(chromium, "river at " + width);
                chromium.open(base + "/archive/" + number);
                assertFits(chromium, "archive at " + width);
                chromium.open(base + "/archive");
                assertFits(chromium, "archive list at " + width);
            }
            chromium.size(375, 900).open(base + "/river");
            chromium.screenshot("river-long-words-375");
            chromium.open(base + "/archive/" + number);
            chromium.screenshot("archive-long-words-375");
        }
    }

    private static boolean shown(Chromium chromium, String text) {
        return String.valueOf(((JavascriptExecutor) chromium.driver()).executeScript("return document.body.innerText;")).contains(text);
    }

    static void assertFits(Chromium chromium, String where) {
        // on failure, say which elements stick out
        Object widths = ((JavascriptExecutor) chromium.driver()).executeScript(
                "return document.documentElement.scrollWidth + ' > ' + window.innerWidth + ': ' + Array.from(document.querySelectorAll('body *'))"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8)"
                + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');");
        assertFalse(chromium.overflowsHorizontally(), where + " scrolls sideways: " + widths);
    }
}
