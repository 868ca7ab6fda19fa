package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.roundup.roundup.Drafts;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Chromium;
import dev.roundup.testing.GreenMailResource;
import dev.roundup.testing.Sends;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The send is visible: "Send now" says how many readers will get the issue; while it goes out the top of the issue
 * page shows its progress, the time left at the measured rate and only the buttons that apply; a sent issue says how
 * many readers got it and when, and its delivery log counts the attempt that delivered. At 40 messages a second
 * (SendControlTest's profile, so the send lasts long enough to be watched), with screenshots in target/screenshots/.
 */
@QuarkusTest
@TestProfile(SendControlTest.Slow.class)
class SendVisibleTest {

    private static final Pattern READERS = Pattern.compile("to (\\d+) readers?\\?");

    @TestHTTPResource("/")
    URL root;

    @Inject
    Drafts drafts;

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

    @Test
    void sendNowSaysHowManyReadersGetItAndTheSentIssueSaysHowManyDid() throws Exception {
        Browser editor = Browser.signedInEditor();
        long issueId = drafts.create(LocalDate.of(2018, 4, 2), LocalDate.of(2018, 4, 9)).id;
        long before = readersAsked(editor, issueId);
        Sends.subscribe(List.of("ada@count.example.org", "grace@count.example.org", "linus@count.example.org"));
        // one who left and one suppressed: on the list, and nobody the issue goes to
        Api.asEditor().body(Map.of("email", "left@count.example.org", "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        int left = Api.asEditor().get("/api/subscribers?q=left@count.example.org").then().extract().path("subscribers[0].id");
        Api.asEditor().post("/api/subscribers/" + left + "/unsubscribe").then().statusCode(200);
        Api.asEditor().body(Map.of("email", "suppressed@count.example.org", "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> Subscriber.getEntityManager()
                .createNativeQuery("update subscriber set status = 'SUPPRESSED' where email = 'suppressed@count.example.org'").executeUpdate());

        long asked = readersAsked(editor, issueId);
        assertEquals(before + 3, asked, "the three confirmed readers count, the one who left and the suppressed one do not");

        long version = Api.asEditor().get("/api/issues/" + issueId).then().extract().jsonPath().getLong("version");
        String subject = Api.asEditor().get("/api/issues/" + issueId).then().extract().path("subject");
        editor.post("/editor/issues/" + issueId + "/send", Map.of("version", version)).then().statusCode(303);
        assertTrue(page(editor, issueId).select(".flash").text().contains("Sending to " + asked + " readers."));
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofMinutes(2));
        assertEquals(asked, done.getLong("total"), "the send's recipients are the readers the question named");
        assertEquals(asked, done.getLong("sent"));
        long mails = 0;
        for (MimeMessage m : GreenMailResource.greenMail().getReceivedMessages()) {
            if (subject.equals(m.getSubject())) {
                mails++;
                String to = m.getRecipients(Message.RecipientType.TO)[0].toString();
                assertFalse(to.contains("left@") || to.contains("suppressed@"), to);
            }
        }
        assertEquals(asked, mails, "as many mails as the question said");

        List<Integer> attempts = Api.asEditor().get("/api/issues/" + issueId + "/deliveries?status=sent").then().statusCode(200)
                .extract().jsonPath().getList("attempts", Integer.class);
        assertEquals(Math.min(asked, DeliveryLog.PAGE_SIZE), attempts.size());
        assertTrue(attempts.stream().allMatch(a -> a == 1), "delivered at the first attempt: one attempt each, " + attempts);
        // the log page's Attempts column (the fifth) says so too
        Document log = Jsoup.parse(editor.get("/editor/issues/" + issueId + "/deliveries?status=sent").then().statusCode(200).extract().asString());
        List<String> column = log.select("tbody tr").stream().map(row -> row.child(4).text()).distinct().toList();
        assertEquals(List.of("1"), column);

        Document sent = page(editor, issueId);
        String heading = sent.selectFirst("#send-progress h2").text();
        assertTrue(heading.matches("Sent to " + asked + " readers on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC"), heading);
        assertEquals(List.of(), buttons(sent), "nothing left to pause, resume, retry or cancel");
    }

    @Test
    void whileSendingTheTopOfThePageShowsProgressTimeLeftAndOnlyTheButtonsThatApply() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 240; i++) {
            csv.append("r").append(i).append("@watch.example.org\n");
        }
        Api.asEditor().contentType("text/csv").body(csv.toString()).post("/api/subscribers/import?mode=confirmed").then().statusCode(200);
        long issueId = drafts.create(LocalDate.of(2018, 5, 7), LocalDate.of(2018, 5, 14)).id;
        Browser editor = Browser.signedInEditor();
        Sends.start(issueId);

        // the first time left the page shows, about a second into the send, comes from the rate measured so far:
        // the rule it replaces divided those messages by ten seconds, a quarter of the real rate or less
        JsonPath p = SendControlTest.progress(issueId);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (p.get("etaSeconds") == null && "running".equals(p.getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            p = SendControlTest.progress(issueId);
        }
        assertNotNull(p.get("etaSeconds"), p.prettify());
        double rate = p.getDouble("perSecond");
        assertTrue(rate > 15 && rate < 50, "measured near the 40 a second the relay takes: " + p.prettify());
        assertEquals((long) Math.ceil(p.getLong("pending") / rate), p.getLong("etaSeconds"), 1.0, p.prettify());
        assertTrue(p.getString("summary").contains(" left"), p.prettify());

        Document running = page(editor, issueId);
        Element top = running.selectFirst("#issue > .send-progress");
        assertNotNull(top, "the send is on the issue page");
        assertTrue(top.elementSiblingIndex() < running.selectFirst("#save-status").elementSiblingIndex(), "at its top");
        assertEquals("Sending to " + p.getLong("total") + " readers", top.selectFirst("h2").text());
        assertEquals(List.of("pause", "cancel"), buttons(running));

        try (Chromium chromium = Chromium.start()) {
            String base = root.toString().replaceAll("/$", "");
            chromium.size(1280, 900).signInAsEditor(base);
            chromium.open(base + "/editor/issues/" + issueId);
            // the script follows the send: the summary changes as messages go out
            String shown = chromium.driver().findElement(By.cssSelector("[data-summary]")).getText();
            chromium.await(d -> !d.findElement(By.cssSelector("[data-summary]")).getText().equals(shown));
            chromium.screenshot("issue-send-running");
            chromium.driver().findElement(By.xpath("//form[@data-action='pause']/button")).click();
            chromium.await(d -> d.getPageSource().contains("Send paused."));
            assertEquals("Sending is paused", chromium.driver().findElement(By.cssSelector("#send-progress h2")).getText());
            assertEquals(List.of("resume", "cancel"), buttons(page(editor, issueId)));
            chromium.screenshot("issue-send-paused");
            chromium.size(390, 900).screenshot("issue-send-paused-phone");
            assertFalse(chromium.overflowsHorizontally(), "the paused send fits a phone");

            chromium.size(1280, 900).driver().findElement(By.xpath("//form[@data-action='resume']/button")).click();
            chromium.await(d -> d.getPageSource().contains("Send resumed."));
            JsonPath done = Sends.awaitState(issueId, "done", Duration.ofMinutes(2));
            // the page sees the send end and loads again: its heading says who got it
            chromium.await(d -> d.findElement(By.cssSelector("#send-progress h2")).getText().startsWith("Sent to " + done.getLong("sent") + " readers on "));
            assertTrue(chromium.policyViolations().isEmpty(), "the page's scripts keep to its Content-Security-Policy");
            chromium.screenshot("issue-send-sent");
            chromium.size(390, 900).screenshot("issue-send-sent-phone");
            assertFalse(chromium.overflowsHorizontally(), "the sent issue fits a phone");
        }
    }
}
