package dev.roundup.bounces;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.roundup.delivery.DeliveryTag;
import dev.roundup.roundup.Drafts;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.subscribers.SubscriberStatus;
import dev.roundup.subscribers.Subscriptions;
import dev.roundup.testing.Api;
import dev.roundup.testing.Metrics;
import dev.roundup.testing.ScriptedRelay;
import dev.roundup.testing.Sends;
import dev.roundup.testing.SmtpSink;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Bounce reports (RFC 3464) arriving in the bounce mailbox, as a receiving MTA sends them after the relay accepted
 * the issue: read over IMAP and POP3, matched to deliveries by the returned headers or the VERP address, hard ones
 * suppress at once, soft ones after the limit, forged and unrelated mail changes nothing and stays for a person.
 */
@QuarkusTest
@TestProfile(ScriptedRelay.class)
class BounceMailboxTest {

    @Inject
    Drafts drafts;

    @Inject
    Subscriptions subscriptions;

    @Inject
    BounceMailbox mailbox;

    @Test
    void reportsInTheMailboxBounceTheRightReadersAndNothingElse() throws Exception {
        Sends.subscribe(List.of("hard1@bounce.test", "hard2@bounce.test", "soft@bounce.test", "forged@bounce.test", "late@bounce.test"));
        long issueId = drafts.create(LocalDate.of(2017, 4, 3), LocalDate.of(2017, 4, 10)).id;
        Sends.start(issueId);
        Sends.awaitState(issueId, "done", Duration.ofSeconds(30));

        String hard1Report = dsn("<r1@mx.bounce.test>", "bounces@roundup.test", "hard1@bounce.test", "failed", "5.1.1",
                "550 5.1.1 <hard1@bounce.test>: Recipient address rejected: User unknown", originalHeaders(issueId, "hard1@bounce.test"));
        deliver(hard1Report);
        deliver(dsn("<r2@mx.bounce.test>", "bounces+" + tag(issueId, "hard2@bounce.test") + "@roundup.test", "hard2@bounce.test", "failed",
                "5.2.1", "550 5.2.1 The email account that you tried to reach is disabled", null));
        deliver(dsn("<r3@mx.bounce.test>", "bounces@roundup.test", "soft@bounce.test", "failed", "4.2.2", "452 4.2.2 Mailbox full",
                originalHeaders(issueId, "soft@bounce.test")));
        long forgedId = id("forged@bounce.test");
        deliver(dsn("<r4@mx.bounce.test>", "bounces+" + issueId + "." + forgedId + ".0123456789abcdef0123@roundup.test", "forged@bounce.test",
                "failed", "5.1.1", "550 5.1.1 unknown", null));
        deliver(dsn("<r5@mx.bounce.test>", "bounces@roundup.test", "late@bounce.test", "delayed", "4.4.7",
                "451 4.4.7 delivery temporarily suspended", originalHeaders(issueId, "late@bounce.test")));
        deliver("Message-ID: <ooo@bounce.test>\r\nFrom: late@bounce.test\r\nTo: bounces@roundup.test\r\nSubject: Out of office\r\n\r\n"
                + "I am away until Monday.\r\n");

        double hardBefore = Metrics.value("roundup_bounces_total", "kind=\"hard\"", "source=\"report\"");
        double softBefore = Metrics.value("roundup_bounces_total", "kind=\"soft\"", "source=\"report\"");
        JsonPath reading = Api.asEditor().contentType("application/json").post("/api/bounces/check").then().statusCode(200).extract().jsonPath();
        assertEquals(6, reading.getInt("messages"), reading.prettify());
        assertEquals(hardBefore + 2, Metrics.value("roundup_bounces_total", "kind=\"hard\"", "source=\"report\""), "bounces by kind on /q/metrics");
        assertEquals(softBefore + 1, Metrics.value("roundup_bounces_total", "kind=\"soft\"", "source=\"report\""));
        assertEquals(3, reading.getInt("recorded"));
        assertEquals(1, reading.getInt("unmatched"), "the forged tag is not recognised");
        assertEquals(1, reading.getInt("notFailures"), "a delay is not a bounce");
        assertEquals(1, reading.getInt("notReports"));

        assertEquals(SubscriberStatus.BOUNCED, status("hard1@bounce.test"), "matched by the returned X-Roundup-Delivery header");
        assertEquals(SubscriberStatus.BOUNCED, status("hard2@bounce.test"), "matched by the VERP address");
        assertTrue(subscriptions.isSuppressed("hard1@bounce.test") && subscriptions.isSuppressed("hard2@bounce.test"));
        assertEquals(SubscriberStatus.CONFIRMED, status("soft@bounce.test"), "one soft bounce is below the limit of 2");
        assertEquals(SubscriberStatus.CONFIRMED, status("forged@bounce.test"));
        assertEquals(SubscriberStatus.CONFIRMED, status("late@bounce.test"));
        assertEquals(2, ScriptedRelay.mailbox().getReceivedMessages().length, "recorded reports are deleted; the rest stay for a person");

        assertEquals(0, Api.asEditor().contentType("application/json").post("/api/bounces/check").then().extract().jsonPath().getInt("messages"),
                "what was read is not read again");
        deliver(hard1Report);
        assertEquals(1, Api.asEditor().contentType("application/json").post("/api/bounces/check").then().extract().jsonPath().getInt("alreadySeen"),
                "the same report twice counts once");

        // the second soft bounce, read over POP3: now over the limit
        deliver(dsn("<r6@mx.bounce.test>", "bounces+" + tag(issueId, "soft@bounce.test") + "@roundup.test", "soft@bounce.test", "failed",
                "4.2.2", "452 4.2.2 Mailbox full", null));
        BounceMailbox.Reading pop3 = mailbox.check(new BounceMailbox.Address("pop3", "127.0.0.1", ScriptedRelay.mailbox().getPop3().getPort(),
                ScriptedRelay.BOUNCE_ADDRESS, ScriptedRelay.BOUNCE_PASSWORD, "INBOX"));
        assertEquals(1, pop3.recorded(), pop3.toString());
        assertEquals(SubscriberStatus.BOUNCED, status("soft@bounce.test"), "two soft bounces in a row");

        JsonPath bounces = Api.asEditor().get("/api/bounces?issue=" + issueId).then().statusCode(200).extract().jsonPath();
        assertEquals(4, bounces.getList("$").size(), bounces.prettify());
        assertTrue(bounces.getList("email").containsAll(List.of("hard1@bounce.test", "hard2@bounce.test", "soft@bounce.test")));
        String log = Api.asEditor().get("/api/subscribers/" + id("hard1@bounce.test") + "/deliveries").then().extract().asString();
        assertTrue(log.contains("\"bounce\":\"hard 5.1.1\""), log);
        Api.asEditor().accept("text/html").get("/editor/bounces?issue=" + issueId).then().statusCode(200).body(containsString("hard2@bounce.test"))
                .body(containsString("The email account that you tried to reach is disabled"));
        Api.asEditor().accept("text/html").get("/editor/issues/" + issueId + "/deliveries").then().statusCode(200).body(containsString("bounced hard 5.1.1"));
        Api.asEditor().accept("text/html").get("/editor/subscribers/" + id("soft@bounce.test") + "/deliveries").then().statusCode(200)
                .body(containsString("bounced soft 4.2.2"));
        assertFalse(Api.asEditor().accept("text/html").get("/editor/bounces").then().extract().asString().contains("forged@bounce.test"));
    }

    @Test
    void aReportInAnotherSpellingOfTheAddressBouncesTheReaderAndSuppressesEverySpelling() throws Exception {
        Sends.subscribe(List.of("Mixed.Case@bounce2.test", "neighbour@bounce2.test"));
        long issueId = drafts.create(LocalDate.of(2017, 5, 1), LocalDate.of(2017, 5, 8)).id;
        Sends.start(issueId);
        Sends.awaitState(issueId, "done", Duration.ofSeconds(30));

        // one report about two recipients: the neighbour only delayed, our reader refused under another spelling
        String report = dsn("<mixed@mx.bounce2.test>", "bounces@roundup.test", "MIXED.CASE@BOUNCE2.TEST", "failed", "5.1.1",
                "550 5.1.1 unknown user", originalHeaders(issueId, "Mixed.Case@bounce2.test"))
                .replace("Final-Recipient: rfc822; MIXED.CASE", "Final-Recipient: rfc822; neighbour@bounce2.test\r\n"
                        + "Action: delayed\r\nStatus: 4.4.7\r\nDiagnostic-Code: smtp; 451 try later\r\n\r\nFinal-Recipient: rfc822; MIXED.CASE");
        deliver(report);
        JsonPath reading = Api.asEditor().contentType("application/json").post("/api/bounces/check").then().statusCode(200).extract().jsonPath();
        assertEquals(1, reading.getInt("recorded"), reading.prettify());

        assertEquals(SubscriberStatus.BOUNCED, status("mixed.case@bounce2.test"));
        assertEquals(SubscriberStatus.CONFIRMED, status("neighbour@bounce2.test"));
        assertTrue(subscriptions.isSuppressed("MIXED.case@Bounce2.test") && subscriptions.isSuppressed("mixed.case@bounce2.test"));
        Api.asEditor().body(java.util.Map.of("email", "mixed.CASE@bounce2.test")).post("/api/subscribers").then().statusCode(400)
                .body(containsString("suppression list"));
    }

    /** A report as Postfix writes it; {@code returnedHeaders} null leaves the original's headers out (VERP only). */
    static String dsn(String messageId, String to, String recipient, String action, String status, String diagnostic, String returnedHeaders) {
        String boundary = "report-boundary-" + messageId.hashCode();
        StringBuilder s = new StringBuilder();
        s.append("Return-Path: <>\r\nMessage-ID: ").append(messageId).append("\r\nDate: Mon, 10 Apr 2017 09:00:00 +0000\r\n")
                .append("From: MAILER-DAEMON@mx.bounce.test (Mail Delivery System)\r\nTo: ").append(to).append("\r\n")
                .append("Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status; boundary=\"").append(boundary).append("\"\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append("I'm sorry to have to inform you that your message could not be delivered.\r\n\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: message/delivery-status\r\n\r\n")
                .append("Reporting-MTA: dns; mx.bounce.test\r\nArrival-Date: Mon, 10 Apr 2017 08:59:00 +0000\r\n\r\n")
                .append("Final-Recipient: rfc822; ").append(recipient).append("\r\nOriginal-Recipient: rfc822;").append(recipient).append("\r\n")
                .append("Action: ").append(action).append("\r\nStatus: ").append(status).append("\r\n")
                .append("Diagnostic-Code: smtp; ").append(diagnostic).append("\r\n\r\n");
        if (returnedHeaders != null) {
            s.append("--").append(boundary).append("\r\nContent-Type: text/rfc822-headers\r\n\r\n").append(returnedHeaders).append("\r\n");
        }
        s.append("--").append(boundary).append("--\r\n");
        return s.toString();
    }

    /** The headers of the issue mail as the relay received it. */
    static String originalHeaders(long issueId, String reader) {
        String raw = received(issueId, reader).text();
        return raw.substring(0, raw.indexOf("\r\n\r\n") + 2);
    }

    static String tag(long issueId, String reader) {
        return Arrays.stream(received(issueId, reader).text().split("\r\n")).filter(l -> l.startsWith(DeliveryTag.HEADER + ":")).findFirst()
                .orElseThrow().substring(DeliveryTag.HEADER.length() + 1).strip();
    }

    static SmtpSink.Received received(long issueId, String reader) {
        return ScriptedRelay.sink().to(reader).stream().filter(m -> m.text().contains(DeliveryTag.HEADER + ": " + issueId + ".")).findFirst()
                .orElseThrow();
    }

    static void deliver(String raw) throws Exception {
        ScriptedRelay.bounceUser().deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))));
    }

    static long id(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().id);
    }

    static SubscriberStatus status(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().status);
    }
}
