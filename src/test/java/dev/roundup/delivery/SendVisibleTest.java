package dev.roundup.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.roundup.roundup.Drafts;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.Sends;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The send is visible while it goes out: the top of the issue page shows its progress, the time left at the measured
 * rate and only the buttons that apply, and follows the send to its end. At 40 messages a second (SendControlTest's
 * profile, so the send lasts long enough to be watched), with screenshots in target/screenshots/.
 */
@QuarkusTest
@TestProfile(SendControlTest.Slow.class)
class SendVisibleTest {

    private static final Pattern READERS = Pattern.compile("to (\\d+) readers?\\?");

    @TestHTTPResource("/")
    URL root;

    @Inject
    Drafts drafts;

    @Inject
    IssueSends sends;

    /** How many readers the page's "Send now" says will get the issue. */
    static long readersAsked(Browser editor, long issueId) {
        String question = page(editor, issueId).selectFirst("form[action$=/send]").attr("data-confirm");
        if (question.startsWith("Nobody")) {
            return 0;
        }
        Matcher m = READERS.matcher(question);
        assertTrue(m.find(), question);
        return Long.parseLong(m.group(1));
    }

    static Document page(Browser editor, long issueId) {
        return Jsoup.parse(editor.get("/editor/issues/" + issueId).then().statusCode(200).extract().asString());
    }

    /** The send's buttons the page shows (not hidden), by their action. */
    static List<String> buttons(Document page) {
        return page.select("#send-progress form[data-action]").stream().filter(f -> !f.hasAttr("hidden")).map(f -> f.attr("data-action")).toList();
    }

    /** Waits until the send has sent at least {@code count} messages (or ended) and returns its progress. */
    static JsonPath awaitSent(long issueId, long count) {
        JsonPath p = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> Sends.progress(issueId),
                progress -> progress.getLong("sent") >= count || !"running".equals(progress.getString("state")));
        assertTrue(p.getLong("sent") >= count, p.prettify());
        return p;
    }

    @AfterEach
    void nextTestSendsToItsOwnReaders() {
        Sends.retireReaders(sends);
    }

    @Test
    void whileSendingTheTopOfThePageShowsProgressTimeLeftAndOnlyTheButtonsThatApply() throws Exception {
        Sends.subscribe("r", "watch.example.org", 600);
        long issueId = drafts.create(LocalDate.of(2018, 5, 7), LocalDate.of(2018, 5, 14)).id;
        Browser editor = Browser.signedInEditor();
        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.size(1280, 900).signInAsEditor(base);
            Sends.start(issueId);

            // the rate shown two seconds in is the pace the send keeps: the rule it replaces divided those two
            // seconds' messages by ten seconds, and showed a fifth of the pace and five times the time left
            JsonPath early = awaitSent(issueId, 80);
            long from = System.nanoTime();
            JsonPath later = awaitSent(issueId, early.getLong("sent") + 80);
            double pace = (later.getLong("sent") - early.getLong("sent")) / ((System.nanoTime() - from) / 1e9);
            assertNotNull(early.get("etaSeconds"), early.prettify());
            double shown = early.getDouble("perSecond");
            assertEquals(pace, shown, pace * 0.4, "the rate shown early against the pace kept since: " + early.prettify());
            assertEquals((long) Math.ceil(early.getLong("pending") / shown), early.getLong("etaSeconds"), 1.0, early.prettify());
            assertTrue(early.getString("summary").contains(" left"), early.prettify());

            Document running = page(editor, issueId);
            Element top = running.selectFirst("#issue > .send-progress");
            assertNotNull(top, "the send is on the issue page");
            assertTrue(top.elementSiblingIndex() < running.selectFirst("#save-status").elementSiblingIndex(), "at its top");
            assertEquals("Sending to " + early.getLong("total") + " readers", top.selectFirst("h2").text());
            assertEquals(List.of("pause", "cancel"), buttons(running));

            chromium.open(base + "/editor/issues/" + issueId);
            // the script follows the send: the summary changes as messages go out
            String first = chromium.driver().findElement(By.cssSelector("[data-summary]")).getText();
            chromium.await(d -> !d.findElement(By.cssSelector("[data-summary]")).getText().equals(first));
            chromium.screenshot("issue-send-running");
            chromium.driver().findElement(By.xpath("//form[@data-action='pause']/button")).click();
            chromium.await(d -> d.getPageSource().contains("Send paused."));
            assertEquals("Sending is paused", chromium.driver().findElement(By.cssSelector("#send-progress h2")).getText());
            assertEquals(List.of("resume", "cancel"), buttons(page(editor, issueId)));
            chromium.screenshot("issue-send-paused");
            chromium.size(390, 900).screenshot("issue-send-paused-phone");
            for (int width : new int[] { 320, 375, 390 }) {
                assertFalse(chromium.size(width, 900).overflowsHorizontally(), "the paused send fits a phone " + width + " px wide");
            }

            chromium.size(1280, 900).driver().findElement(By.xpath("//form[@data-action='resume']/button")).click();
            // the page says so; on a busy machine the page may already have loaded again (its script reloads when
            // the state it shows changed), and the notice with it: then the send's own state tells
            chromium.await(d -> d.getPageSource().contains("Send resumed.") || !"paused".equals(Sends.progress(issueId).getString("state")));
            JsonPath done = Sends.awaitState(issueId, "done", Duration.ofMinutes(2));
            // the page sees the send end and loads again: its heading says who got it
            chromium.await(d -> d.findElement(By.cssSelector("#send-progress h2")).getText().startsWith("Sent to " + done.getLong("sent") + " readers on "));
            assertTrue(chromium.policyViolations().isEmpty(), "the page's scripts keep to its Content-Security-Policy");
            chromium.screenshot("issue-send-sent");
            chromium.size(390, 900).screenshot("issue-send-sent-phone");
            for (int width : new int[] { 320, 375, 390 }) {
                assertFalse(chromium.size(width, 900).overflowsHorizontally(), "the sent issue fits a phone " + width + " px wide");
            }
        }
    }
}
