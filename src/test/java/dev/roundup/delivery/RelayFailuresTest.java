package dev.roundup.delivery;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Drafts;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.subscribers.SubscriberStatus;
import dev.roundup.subscribers.Subscriptions;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.ScriptedRelay;
import dev.roundup.testing.Metrics;
import dev.roundup.testing.Sends;
import dev.roundup.testing.SmtpSink;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Issue #16: a relay that refuses everyone, or is busy, must not wipe the list. Whose fault a refusal is decides
 * what it does: a reader's bounces that reader; the relay's pauses or slows the send and counts against nobody.
 */
@QuarkusTest
@TestProfile(ScriptedRelay.class)
class RelayFailuresTest {

    private static final SmtpSink.Replies NORMAL = new SmtpSink.Replies() {
    };

    @Inject
    Drafts drafts;

    @Inject
    Subscriptions subscriptions;

    @AfterEach
    void relayBackToNormal() {
        ScriptedRelay.sink().answering(NORMAL);
    }

    @Test
    void aRelayDenyingEveryRecipientPausesTheSendAndBouncesNobodyThenResumingDeliversToAll() throws Exception {
        List<String> readers = readers("denied.test", 30);
        ScriptedRelay.sink().answering(new SmtpSink.Replies() {
            @Override
            public String rcpt(String address, int attempt) {
                return "550 5.7.1 relaying denied";
            }
        });
        long issueId = issue(LocalDate.of(2018, 1, 1));
        Sends.start(issueId);
        JsonPath paused = Sends.awaitState(issueId, "paused", Duration.ofSeconds(30));
        assertTrue(paused.getString("reason").contains("550 5.7.1 relaying denied"), "the server's reply is shown: " + paused.getString("reason"));
        assertEquals(0, paused.getInt("failed"), paused.prettify());
        assertNobodyBounced(readers);

        ScriptedRelay.sink().answering(NORMAL); // the relay is fixed
        resume(issueId);
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        assertEquals(0, done.getInt("failed"), done.prettify());
        assertEquals(done.getInt("total"), done.getInt("sent"), "everyone held back got it");
        assertEachGotItOnce(issueId, readers);
    }

    @Test
    void refusedCredentialsAndARefusedSenderPauseTheSendAndBounceNobody() throws Exception {
        List<String> readers = readers("auth.test", 10);
        List<Map.Entry<String, SmtpSink.Replies>> relays = List.of(
                Map.entry("credentials", mailFrom("530 5.7.0 Authentication required")),
                Map.entry("refuses to send", mailFrom("554 5.7.1 <news@roundup.test>: Sender address rejected: not owned by user")),
                Map.entry("refuses to send", new SmtpSink.Replies() {
                    @Override
                    public String greeting() {
                        return "554 5.7.1 No SMTP service for you";
                    }
                }));
        int week = 0;
        for (Map.Entry<String, SmtpSink.Replies> relay : relays) {
            ScriptedRelay.sink().answering(relay.getValue());
            long issueId = issue(LocalDate.of(2018, 2, 5).plusWeeks(week++));
            Sends.start(issueId);
            JsonPath paused = Sends.awaitState(issueId, "paused", Duration.ofSeconds(30));
            String reason = paused.getString("reason");
            assertTrue(reason.contains(relay.getKey()) && reason.contains("Nobody was bounced"), reason);
            assertTrue(reason.contains(" 5.7."), "the server's reply is shown: " + reason);
            assertEquals(0, paused.getInt("failed"), paused.prettify());
            assertNobodyBounced(readers);

            ScriptedRelay.sink().answering(NORMAL);
            resume(issueId);
            assertEquals(0, Sends.awaitState(issueId, "done", Duration.ofSeconds(60)).getInt("failed"));
            assertEachGotItOnce(issueId, readers);
        }
    }

    @Test
    void threeUnknownReadersAmongAHundredAreBouncedAndTheOthersGetIt() throws Exception {
        List<String> readers = readers("mixed.test", 100);
        Set<String> unknown = Set.of(readers.get(9), readers.get(49), readers.get(89));
        ScriptedRelay.sink().answering(refusing(a -> unknown.contains(a) ? "550 5.1.1 <" + a + ">: Recipient address rejected: User unknown" : null));
        long issueId = issue(LocalDate.of(2018, 3, 5));
        double smtpBounces = Metrics.value("roundup_bounces_total", "kind=\"hard\"", "source=\"smtp\"");
        Sends.start(issueId);
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        assertEquals(3, done.getInt("failed"), done.prettify());
        String issue = "issue=\"" + issueId + "\"";
        assertEquals(3, Metrics.value("roundup_messages_failed_total", issue), "the send's failures on /q/metrics");
        assertEquals(done.getInt("sent"), Metrics.value("roundup_messages_sent_total", issue));
        assertEquals(smtpBounces + 3, Metrics.value("roundup_bounces_total", "kind=\"hard\"", "source=\"smtp\""));
        for (String r : readers) {
            boolean gone = unknown.contains(r);
            assertEquals(gone ? SubscriberStatus.BOUNCED : SubscriberStatus.CONFIRMED, status(r), r);
            assertEquals(gone, subscriptions.isSuppressed(r), r);
            assertEquals(gone ? 0 : 1, copies(issueId, r), r);
        }
    }

    @Test
    void moreDistinctRefusalsThanTheCapPauseTheSendAtTheCap() throws Exception {
        List<String> readers = readers("cap.test", 70);
        List<String> refused = readers.subList(10, 70); // the first ten are fine, the next sixty "unknown"
        ScriptedRelay.sink().answering(refusing(a -> refused.contains(a) ? "550 5.1.1 <" + a + ">: User unknown in virtual mailbox table" : null));
        long issueId = issue(LocalDate.of(2018, 4, 2));
        Sends.start(issueId);
        JsonPath paused = Sends.awaitState(issueId, "paused", Duration.ofSeconds(60));
        int cap = RelayHealth.bounceCap(paused.getInt("total"), 2, 50);
        assertEquals(50, cap, "the default cap for a list this size");
        assertTrue(paused.getString("reason").contains("hard-bounced " + cap + " readers"), paused.getString("reason"));
        assertEquals(cap, bounced("cap.test"), "no more than the cap suppressed");
        assertEquals(cap, paused.getInt("failed"));

        resume(issueId); // a human looked: one cap more
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        assertEquals(60, done.getInt("failed"), done.prettify());
        assertEquals(60, bounced("cap.test"));
        for (String r : readers.subList(0, 10)) {
            assertEquals(1, copies(issueId, r), r);
        }
    }

    @Test
    void aRelayAnswering451ToEveryoneForAWhileSlowsTheSendAndFailsNobody() throws Exception {
        List<String> readers = readers("busy.test", 40);
        long busyUntil = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        ScriptedRelay.sink().answering(new SmtpSink.Replies() {
            @Override
            public String rcpt(String address, int attempt) {
                return System.nanoTime() < busyUntil ? "451 4.7.1 Too many messages, slow down" : "250 2.1.5 Ok";
            }
        });
        long issueId = issue(LocalDate.of(2018, 5, 7));
        Sends.start(issueId);
        JsonPath done = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        assertEquals(0, done.getInt("failed"), "nobody failed: " + done.prettify());
        assertTrue(Metrics.value("roundup_messages_retried_total", "issue=\"" + issueId + "\"") > 0, "the 451s are retries on /q/metrics");
        assertEachGotItOnce(issueId, readers);
        for (String r : readers) {
            assertEquals(1, attempts(issueId, r), "only the attempt that delivered counts: the relay's 4xx is not counted against " + r);
        }
    }

    @Test
    void anEditorRetriesTheFailedDeliveriesFromThePageAndTheApi() throws Exception {
        List<String> readers = readers("retry.test", 20);
        String full = readers.get(3);
        String away = readers.get(12);
        String gone = readers.get(16);
        List<String> refusing = new ArrayList<>(List.of(full, away));
        ScriptedRelay.sink().answering(refusing(a -> a.equals(gone) ? "550 5.1.1 <" + a + ">: User unknown"
                : refusing.contains(a) ? "452 4.2.2 Mailbox full" : null));
        long issueId = issue(LocalDate.of(2018, 6, 4));
        Sends.start(issueId);
        assertEquals(3, Sends.awaitState(issueId, "done", Duration.ofSeconds(60)).getInt("failed"), "two full mailboxes, one unknown");
        String page = Browser.signedInEditor().get("/editor/issues/" + issueId).then().statusCode(200).extract().asString();
        assertTrue(page.contains("/editor/issues/" + issueId + "/send/retry-failed"), "the page has the button");

        refusing.remove(full); // one mailbox has room again
        Browser editor = Browser.signedInEditor();
        editor.post("/editor/issues/" + issueId + "/send/retry-failed", Map.of()).then().statusCode(303);
        JsonPath once = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        assertEquals(2, once.getInt("failed"), once.prettify());
        assertEquals(1, copies(issueId, full));

        refusing.clear();
        Api.asEditor().post("/api/issues/" + issueId + "/send/retry-failed").then().statusCode(200).body("state", equalTo("running"));
        JsonPath twice = Sends.awaitState(issueId, "done", Duration.ofSeconds(60));
        assertEquals(1, twice.getInt("failed"), "the bounced reader stays failed: " + twice.prettify());
        assertEquals(1, copies(issueId, away));
        assertEquals(0, copies(issueId, gone), "a suppressed reader is not retried");
        assertEquals(SubscriberStatus.BOUNCED, status(gone));
        Api.asEditor().post("/api/issues/" + issueId + "/send/retry-failed").then().statusCode(409)
                .body("detail", containsString("No failed deliveries to retry"));
    }

    private List<String> readers(String domain, int n) {
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            readers.add(String.format("r%03d@%s", i, domain));
        }
        Sends.subscribe(readers);
        return readers;
    }

    private long issue(LocalDate monday) {
        return drafts.create(monday, monday.plusDays(7)).id;
    }

    private static void resume(long issueId) {
        Api.asEditor().post("/api/issues/" + issueId + "/send/resume").then().statusCode(200).body("state", equalTo("running"));
    }

    /** A relay that answers RCPT with what {@code refusal} says for an address, or 250 when it says null. */
    private static SmtpSink.Replies refusing(Function<String, String> refusal) {
        return new SmtpSink.Replies() {
            @Override
            public String rcpt(String address, int attempt) {
                String r = refusal.apply(address);
                return r == null ? "250 2.1.5 Ok" : r;
            }
        };
    }

    private static SmtpSink.Replies mailFrom(String reply) {
        return new SmtpSink.Replies() {
            @Override
            public String mail(String from) {
                return reply;
            }
        };
    }

    private void assertNobodyBounced(List<String> readers) {
        for (String r : readers) {
            assertEquals(SubscriberStatus.CONFIRMED, status(r), r);
            assertFalse(subscriptions.isSuppressed(r), r);
        }
    }

    private static void assertEachGotItOnce(long issueId, List<String> readers) {
        for (String r : readers) {
            assertEquals(1, copies(issueId, r), r + " got the issue once");
        }
    }

    private static long copies(long issueId, String reader) {
        return ScriptedRelay.sink().to(reader).stream().filter(m -> m.text().contains(DeliveryTag.HEADER + ": " + issueId + ".")).count();
    }

    /** The attempts counted for a reader's delivery of an issue, as the delivery log shows them. */
    private static int attempts(long issueId, String email) {
        long id = QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().id);
        List<Map<String, Object>> log = Api.asEditor().get("/api/subscribers/" + id + "/deliveries").then().statusCode(200).extract().jsonPath()
                .getList("$");
        return log.stream().filter(e -> ((Number) e.get("issueId")).longValue() == issueId).mapToInt(e -> ((Number) e.get("attempts")).intValue())
                .findFirst().orElseThrow();
    }

    private static long bounced(String domain) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.count("email like ?1 and status = ?2", "%@" + domain, SubscriberStatus.BOUNCED));
    }

    private static SubscriberStatus status(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().status);
    }
}
