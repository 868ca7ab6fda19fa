package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Drafts;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Mails;
import dev.roundup.testing.Sends;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * "Send now" says how many readers will get the issue, and that many do: the readers who left or are suppressed are
 * not counted and not mailed. A sent issue says how many readers got it and when, and its delivery log counts the
 * attempt that delivered.
 */
@QuarkusTest
class SendNowTest {

    @Inject
    Drafts drafts;

    @Test
    void sendNowSaysHowManyReadersGetItAndTheSentIssueSaysHowManyDid() throws Exception {
        Browser editor = Browser.signedInEditor();
        long issueId = drafts.create(LocalDate.of(2018, 4, 2), LocalDate.of(2018, 4, 9)).id;
        long before = SendVisibleTest.readersAsked(editor, issueId);
        Sends.subscribe(List.of("ada@count.example.org", "grace@count.example.org", "linus@count.example.org"));
        // one who left and one suppressed: on the list, and nobody the issue goes to
        Api.asEditor().body(Map.of("email", "left@count.example.org", "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        int left = Api.asEditor().get("/api/subscribers?q=left@count.example.org").then().extract().path("subscribers[0].id");
        Api.asEditor().post("/api/subscribers/" + left + "/unsubscribe").then().statusCode(200);
        Api.asEditor().body(Map.of("email", "suppressed@count.example.org", "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> Subscriber.getEntityManager()
                .createNativeQuery("update subscriber set status = 'SUPPRESSED' where email = 'suppressed@count.example.org'").executeUpdate());

        long asked = SendVisibleTest.readersAsked(editor, issueId);
        assertEquals(before + 3, asked, "the three confirmed readers count, the one who left and the suppressed one do not");

        long version = Api.asEditor().get("/api/issues/" + issueId).then().extract().jsonPath().getLong("version");
        editor.post("/editor/issues/" + issueId + "/send", Map.of("version", version)).then().statusCode(303);
        assertTrue(SendVisibleTest.page(editor, issueId).select(".flash").text().contains("Sending to " + asked + " readers."));
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofMinutes(2));
        assertEquals(asked, done.getLong("total"), "the send's recipients are the readers the question named");
        assertEquals(asked, done.getLong("sent"));
        long mails = 0;
        for (MimeMessage m : Mails.ofIssue(issueId)) {
            mails++;
            String to = Mails.recipient(m);
            assertFalse(to.contains("left@") || to.contains("suppressed@"), to);
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

        Document sent = SendVisibleTest.page(editor, issueId);
        String heading = sent.selectFirst("#send-progress h2").text();
        assertTrue(heading.matches("Sent to " + asked + " readers on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC"), heading);
        assertEquals(List.of(), SendVisibleTest.buttons(sent), "nothing left to pause, resume, retry or cancel");
    }

    static String weekday(java.time.Instant at) {
        return at.atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
    }

    @Test
    void anIssueScheduledForAnotherDayAndSentNowSaysToday() throws Exception {
        Sends.subscribe(List.of("weekday@sendnow.example.org"));
        long issueId = drafts.create(LocalDate.of(2018, 10, 1), LocalDate.of(2018, 10, 8)).id;
        long version = Api.asEditor().get("/api/issues/" + issueId).then().extract().jsonPath().getLong("version");
        Api.asEditor().body(Map.of("version", version, "intro", "Happy {weekday}!")).put("/api/issues/" + issueId).then().statusCode(200);
        java.time.Instant scheduled = java.time.Instant.now().plus(Duration.ofDays(2));
        Api.asEditor().body(Map.of("status", "scheduled", "scheduledAt", scheduled.toString())).post("/api/issues/" + issueId + "/status")
                .then().statusCode(200);

        String before = weekday(java.time.Instant.now());
        Sends.start(issueId); // "Send now" on the scheduled issue
        String after = weekday(java.time.Instant.now());
        Sends.awaitState(issueId, "done", Duration.ofMinutes(3));
        String text = null;
        for (MimeMessage m : Mails.await("weekday@sendnow.example.org", 1, Duration.ofSeconds(10))) {
            if (m.getHeader("X-Roundup-Delivery", null).startsWith(issueId + ".")) {
                text = Mails.part(m, "text/plain");
            }
        }
        assertTrue(text != null, "the reader got this issue");
        assertTrue(text.contains("Happy " + before + "!") || text.contains("Happy " + after + "!"), "the day it went out (UTC here): " + text);
        assertFalse(text.contains("Happy " + weekday(scheduled) + "!"), "not the day it had been scheduled for");
    }
}
