package dev.roundup.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Drafts;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.subscribers.SubscriberLinks;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.GreenMailResource;
import dev.roundup.testing.Mails;
import dev.roundup.testing.Sends;
import dev.roundup.testing.TestDatabases;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** A send at 40 messages a second on a fresh database: pause, resume, cancel, leaving mid-send, and an SMTP outage. */
@QuarkusTest
@TestProfile(SendControlTest.Slow.class)
class SendControlTest {

    public static class Slow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(Map.of("roundup.send.rate", "40", "roundup.send.batch-size", "10"));
            // a database of its own: a send goes to every confirmed subscriber, and other tests add thousands
            config.put("quarkus.datasource.jdbc.url", TestDatabases.fresh("send"));
            return config;
        }
    }

    @Inject
    Drafts drafts;

    @Inject
    SubscriberLinks links;

    @Inject
    IssueSends sends;

    static void subscribe(String domain, int count) {
        Sends.subscribe("r", domain, count);
    }

    static JsonPath progress(long issueId) {
        return Sends.progress(issueId);
    }

    static Set<String> recipients(List<MimeMessage> messages, String domain, String subjectPart) throws Exception {
        Set<String> set = new HashSet<>();
        for (MimeMessage m : messages) {
            String to = Mails.recipient(m);
            if (to.endsWith(domain) && m.getSubject().contains(subjectPart)) {
                set.add(to);
            }
        }
        return set;
    }

    /** Waits until the send has sent at least {@code count} messages and returns how many. */
    static long awaitSent(long issueId, long count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> progress(issueId).getLong("sent"),
                sent -> sent >= count);
    }

    /** Waits until no more messages go out (the count holds still for {@code still}) and returns how many were sent. */
    static long awaitStill(long issueId, Duration still) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).during(still).until(() -> {
            long now = progress(issueId).getLong("sent");
            boolean same = now == last[0];
            last[0] = now;
            return same;
        });
        return last[0];
    }

    @AfterEach
    void nextTestSendsToItsOwnReaders() {
        Sends.retireReaders(sends);
    }

    @Test
    void pauseStopsSendingResumeFinishesAndSomeoneWhoLeftMeanwhileGetsNothing() throws Exception {
        subscribe("pause.example.org", 120);
        long issueId = drafts.create(LocalDate.of(2019, 1, 7), LocalDate.of(2019, 1, 14)).id;
        Api.asEditor().post("/api/issues/" + issueId + "/send").then().statusCode(200);
        awaitSent(issueId, 10);
        Api.asEditor().post("/api/issues/" + issueId + "/send/pause").then().statusCode(200).body("state", equalTo("paused"));
        // the batches in flight end, then nothing is sent while paused
        long sentAtPause = awaitStill(issueId, Duration.ofMillis(1500));
        assertTrue(sentAtPause < progress(issueId).getLong("total"));

        Subscriber last = QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail("r119@pause.example.org").orElseThrow());
        String before = Api.asEditor().get("/api/subscribers/" + last.id + "/deliveries").then().extract().path("[0].status");
        assertEquals("pending", before, "the last reader has not had their turn yet");
        String token = QuarkusTransaction.requiringNew().call(() -> links.unsubscribeToken(Subscriber.findByEmail("r119@pause.example.org").orElseThrow()));
        io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post("/unsubscribe/" + token).then().statusCode(200);

        Api.asEditor().post("/api/issues/" + issueId + "/send/resume").then().statusCode(200).body("state", equalTo("running"));
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        String r119 = Api.asEditor().get("/api/subscribers?q=r119@pause.example.org").then().extract().asString();
        String log = Api.asEditor().get("/api/issues/" + issueId + "/deliveries?status=skipped").then().extract().asString();
        assertEquals(done.getInt("total") - 1, done.getInt("sent"), "everyone else of the list: " + done.prettify() + r119 + log);
        assertEquals(1, done.getInt("skipped"), "left during the send: skipped from that moment");
        Set<String> got = recipients(List.of(GreenMailResource.greenMail().getReceivedMessages()), "@pause.example.org", "Roundup #");
        assertEquals(119, got.size());
        assertTrue(!got.contains("r119@pause.example.org"));
    }

    @Test
    void cancelStopsForGood() throws Exception {
        subscribe("cancel.example.org", 200);
        long issueId = drafts.create(LocalDate.of(2019, 2, 4), LocalDate.of(2019, 2, 11)).id;
        Api.asEditor().post("/api/issues/" + issueId + "/send").then().statusCode(200);
        awaitSent(issueId, 10);
        // the issue and its send change together: cancelling the issue alone would leave its send running
        Api.asEditor().body(Map.of("status", "cancelled")).post("/api/issues/" + issueId + "/status").then().statusCode(409)
                .body("detail", containsString("cancelling its send"));
        Api.asEditor().post("/api/issues/" + issueId + "/send/cancel").then().statusCode(200).body("state", equalTo("cancelled"));
        long sent = awaitStill(issueId, Duration.ofMillis(1500));
        assertTrue(sent < 200, "stopped before the end: " + sent);
        Api.asEditor().get("/api/issues/" + issueId).then().body("status", equalTo("cancelled"));
        Api.asEditor().post("/api/issues/" + issueId + "/send/resume").then().statusCode(409).body("detail", containsString("cancelled"));
    }

    @Test
    void anIssueCancelledMidSendCannotBecomeADraftAndGoOutAgain() throws Exception {
        subscribe("again.example.org", 160);
        long issueId = drafts.create(LocalDate.of(2019, 4, 1), LocalDate.of(2019, 4, 8)).id;
        Api.asEditor().post("/api/issues/" + issueId + "/send").then().statusCode(200);
        long sentBefore = awaitSent(issueId, 10);
        assertTrue(sentBefore < progress(issueId).getLong("total"), "cancelled mid-send: " + sentBefore);
        Api.asEditor().post("/api/issues/" + issueId + "/send/cancel").then().statusCode(200);
        long sent = awaitStill(issueId, Duration.ofMillis(1000)); // the workers see the cancel
        int number = Api.asEditor().get("/api/issues/" + issueId).then().extract().jsonPath().getInt("number");

        // edited and sent again, the rest would get other content than the first readers, under a number out of order
        Api.asEditor().post("/api/issues/" + issueId + "/restore").then().statusCode(409).body("detail",
                equalTo("Issue #" + number + " was sent to " + sent + " readers before it was cancelled: it cannot become a draft again."));
        Api.asEditor().body(Map.of("status", "draft")).post("/api/issues/" + issueId + "/status").then().statusCode(409);
        Api.asEditor().post("/api/issues/" + issueId + "/send").then().statusCode(409);
        Api.asEditor().get("/api/issues/" + issueId).then().body("status", equalTo("cancelled"));
        Map<String, Integer> times = new TreeMap<>();
        for (MimeMessage m : Mails.ofIssue(issueId)) {
            times.merge(Mails.recipient(m), 1, Integer::sum);
        }
        assertEquals(sent, times.size(), "those the send reached before the cancel, nobody more");
        assertEquals(Map.of(), times.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "nobody got it twice");
    }

    @Test
    void aScheduledIssueGoesOutWhenItsTimeComesAndNotBefore() throws Exception {
        subscribe("scheduled.example.org", 30);
        long issueId = drafts.create(LocalDate.of(2019, 5, 6), LocalDate.of(2019, 5, 13)).id;
        Instant at = Instant.now().plusSeconds(4);
        Api.asEditor().contentType("application/json").body(Map.of("status", "scheduled", "scheduledAt", at.toString()))
                .post("/api/issues/" + issueId + "/status").then().statusCode(200).body("status", equalTo("scheduled"));
        // the scheduler looks four times a second in tests: for two seconds it looks, and it is not time yet
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> progress(issueId).getString("state"), equalTo("not started"));

        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        assertEquals(done.getInt("total"), done.getInt("sent"));
        Api.asEditor().get("/api/issues/" + issueId).then().body("status", equalTo("sent"));
        List<Map<String, Object>> log = Api.asEditor().get("/api/issues/" + issueId + "/deliveries?status=sent").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertTrue(!log.isEmpty());
        for (Map<String, Object> entry : log) {
            assertTrue(!Instant.parse((String) entry.get("sentAt")).isBefore(at), "sent before its time: " + entry);
        }
        assertEquals(30, recipients(List.of(GreenMailResource.greenMail().getReceivedMessages()), "@scheduled.example.org", "Roundup #").size());
    }

    @Test
    void sendNowFromAPageThatIsOutOfDateSendsNothing() {
        subscribe("outofdate.example.org", 80); // enough readers that the send is still going when the page is read
        long issueId = drafts.create(LocalDate.of(2019, 6, 3), LocalDate.of(2019, 6, 10)).id;
        long seen = Api.asEditor().get("/api/issues/" + issueId).then().extract().jsonPath().getLong("version");
        // another editor changes the intro after this editor's page was loaded
        Api.asEditor().contentType("application/json").body(Map.of("version", seen, "intro", "Changed by someone else"))
                .put("/api/issues/" + issueId).then().statusCode(200);

        Browser editor = Browser.signedInEditor();
        editor.post("/editor/issues/" + issueId + "/send", Map.of("version", seen)).then().statusCode(303);
        assertTrue(editor.get("/editor/issues/" + issueId).asString().contains("has changed since this page showed it"));
        assertEquals("not started", progress(issueId).getString("state"));
        Api.asEditor().post("/api/issues/" + issueId + "/send?version=" + seen).then().statusCode(409);
        Api.asEditor().get("/api/issues/" + issueId).then().body("status", equalTo("draft"));

        long current = Api.asEditor().get("/api/issues/" + issueId).then().extract().jsonPath().getLong("version");
        editor.post("/editor/issues/" + issueId + "/send", Map.of("version", current)).then().statusCode(303);
        Api.asEditor().get("/api/issues/" + issueId).then().body("status", equalTo("sending"));
        sends.cancel(issueId); // the other tests of this class share its 40 messages a second
    }

    @Test
    void anSmtpOutageMidSendPausesItAndAfterTheServerReturnsNobodyIsLost() throws Exception {
        subscribe("outage.example.org", 150);
        long issueId = drafts.create(LocalDate.of(2019, 3, 4), LocalDate.of(2019, 3, 11)).id;
        int port = GreenMailResource.greenMail().getSmtp().getPort();
        Api.asEditor().post("/api/issues/" + issueId + "/send").then().statusCode(200);
        awaitSent(issueId, 20);
        List<MimeMessage> beforeOutage = GreenMailResource.goDown();
        JsonPath paused = Sends.awaitState(issueId, "paused", Duration.ofSeconds(30));
        assertTrue(paused.getString("reason").contains("unreachable"), paused.getString("reason"));

        GreenMailResource.startAgain(port);
        Api.asEditor().post("/api/issues/" + issueId + "/send/resume").then().statusCode(200);
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(90));
        assertEquals(done.getInt("total"), done.getInt("sent"));
        Set<String> all = recipients(beforeOutage, "@outage.example.org", "Roundup #");
        int first = all.size();
        Set<String> after = recipients(List.of(GreenMailResource.greenMail().getReceivedMessages()), "@outage.example.org", "Roundup #");
        all.addAll(after);
        assertEquals(150, all.size(), "everyone got it");
        assertTrue(first + after.size() - 150 <= 4, "duplicates at most the connections in flight: " + (first + after.size() - 150));
    }
}
