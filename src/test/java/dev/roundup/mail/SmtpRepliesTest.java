package dev.roundup.mail;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.roundup.delivery.DeliveryTag;
import dev.roundup.roundup.Drafts;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.subscribers.SubscriberStatus;
import dev.roundup.subscribers.Subscriptions;
import dev.roundup.testing.Api;
import dev.roundup.testing.ScriptedRelay;
import dev.roundup.testing.Sends;
import dev.roundup.testing.SmtpSink;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** A relay that greylists, refuses addresses for good, or refuses the message itself: what each does to a send. */
@QuarkusTest
@TestProfile(ScriptedRelay.class)
class SmtpRepliesTest {

    @Inject
    Drafts drafts;

    @Inject
    Subscriptions subscriptions;

    @AfterEach
    void relayBackToNormal() {
        ScriptedRelay.sink().answering(new SmtpSink.Replies() {
        });
    }

    @Test
    void aTemporaryRefusalIsRetriedAndArrivesOnceAPermanentOneSuppressesTheAddress() throws Exception {
        List<String> readers = new ArrayList<>(List.of("grey@replies.test", "gone@replies.test", "full@replies.test"));
        for (int i = 0; i < 20; i++) {
            readers.add("ok" + i + "@replies.test");
        }
        Sends.subscribe(readers);
        ScriptedRelay.sink().answering(new SmtpSink.Replies() {
            @Override
            public String rcpt(String address, int attempt) {
                return switch (address) {
                    case "grey@replies.test" -> attempt <= 2 ? "451 4.7.1 Greylisted, please try again later" : "250 2.1.5 Ok";
                    case "gone@replies.test" -> "550 5.1.1 <gone@replies.test>: Recipient address rejected: User unknown";
                    case "full@replies.test" -> "452 4.2.2 Mailbox full";
                    default -> "250 2.1.5 Ok";
                };
            }
        });
        long issueId = drafts.create(LocalDate.of(2017, 1, 2), LocalDate.of(2017, 1, 9)).id;
        Sends.start(issueId);
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));

        SmtpSink sink = ScriptedRelay.sink();
        assertEquals(1, sink.to("grey@replies.test").size(), "greylisted: retried, then delivered once");
        assertEquals(3, sink.rcptAttempts("grey@replies.test"));
        for (int i = 0; i < 20; i++) {
            assertEquals(1, sink.to("ok" + i + "@replies.test").size());
        }
        assertEquals(0, sink.to("gone@replies.test").size());
        assertEquals(0, sink.to("full@replies.test").size());
        assertEquals(3, sink.rcptAttempts("full@replies.test"), "a mailbox that stays full is tried max-attempts times");
        assertEquals(2, done.getInt("failed"), done.prettify());

        String gone = log(issueId, "gone@replies.test");
        assertTrue(gone.contains("\"status\":\"failed\"") && gone.contains("User unknown"), gone);
        assertEquals(SubscriberStatus.BOUNCED, status("gone@replies.test"), "a 5xx to RCPT is a hard bounce");
        assertTrue(subscriptions.isSuppressed("gone@replies.test"));
        assertEquals(SubscriberStatus.CONFIRMED, status("full@replies.test"), "a 4xx never bounces anyone");
        assertTrue(log(issueId, "grey@replies.test").contains("\"status\":\"sent\""));

        // the suppressed address is not brought back by an import
        Sends.subscribe(List.of("gone@replies.test"));
        assertEquals(SubscriberStatus.BOUNCED, status("gone@replies.test"));
    }

    @Test
    void aRelayRefusingTheMessageItselfPausesTheSendAndBouncesNobody() throws Exception {
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            readers.add("r" + i + "@refused.test");
        }
        Sends.subscribe(readers);
        ScriptedRelay.sink().answering(new SmtpSink.Replies() {
            @Override
            public String data(byte[] raw) {
                return "554 5.7.1 Message rejected as spam";
            }
        });
        long issueId = drafts.create(LocalDate.of(2017, 2, 6), LocalDate.of(2017, 2, 13)).id;
        Sends.start(issueId);
        JsonPath paused = Sends.awaitState(issueId, "paused", Duration.ofSeconds(30));
        assertTrue(paused.getString("reason").contains("refused the message itself"), paused.getString("reason"));
        for (String r : readers) {
            assertEquals(SubscriberStatus.CONFIRMED, status(r), "the content was refused, not " + r);
        }

        relayBackToNormal();
        Api.asEditor().post("/api/issues/" + issueId + "/send/resume").then().statusCode(200).body("state", equalTo("running"));
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        assertEquals(0, done.getInt("failed"));
        for (String r : readers) {
            assertEquals(1, ScriptedRelay.sink().to(r).stream().filter(m -> m.text().contains(DeliveryTag.HEADER + ": " + issueId + ".")).count(),
                    r + " got the issue once, after the resume");
        }
    }

    private static String log(long issueId, String email) {
        long id = QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().id);
        return Api.asEditor().get("/api/subscribers/" + id + "/deliveries").then().statusCode(200).extract().asString();
    }

    private static SubscriberStatus status(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().status);
    }
}
