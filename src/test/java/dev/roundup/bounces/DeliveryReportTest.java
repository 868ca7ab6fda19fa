package dev.roundup.bounces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** Reading an RFC 3464 delivery status notification, without a mailbox or a running app. */
class DeliveryReportTest {

    static final String ORIGINAL = "Return-Path: <bounces+12.34.0123456789abcdef0123@roundup.test>\r\n"
            + "X-Roundup-Delivery: 12.34.0123456789abcdef0123\r\nSubject: Issue 7\r\n";

    @Test
    void aPermanentFailureIsHardWithItsRecipientStatusAndWords() throws Exception {
        DeliveryReport report = read(BounceMailboxTest.dsn("<one@mx.test>", "bounces@roundup.test", "<Reader@Example.ORG>", "failed",
                "5.1.1 (user unknown)", "550 5.1.1 unknown user", ORIGINAL)).orElseThrow();
        assertEquals("<one@mx.test>", report.reportId());
        DeliveryReport.Failure f = report.failures().get(0);
        assertEquals("reader@example.org", f.recipient(), "brackets and the rfc822; prefix go, the case is lowered");
        assertEquals("failed", f.action());
        assertEquals("5.1.1", f.status());
        assertEquals("smtp; 550 5.1.1 unknown user", f.diagnostic());
        assertEquals(DeliveryReport.Kind.HARD, f.kind());
    }

    @Test
    void theTagIsLookedForInTheReturnedHeadersAndTheAddressTheReportWentTo() throws Exception {
        String text = read(BounceMailboxTest.dsn("<two@mx.test>", "bounces+c5.ffff@roundup.test", "reader@example.org", "failed", "5.0.0",
                "550 no", ORIGINAL)).orElseThrow().tagSearchText();
        assertTrue(text.contains("bounces+c5.ffff@roundup.test"), text);
        assertTrue(text.contains("12.34.0123456789abcdef0123"), text);
        assertTrue(text.contains("bounces+12.34.0123456789abcdef0123@roundup.test"), text);
        assertTrue(!text.contains("Issue 7"), "only the headers that can carry a tag");
    }

    @Test
    void theKindComesFromTheStatusElseFromTheDiagnosticsCode() {
        assertEquals(DeliveryReport.Kind.SOFT, failure("failed", "4.2.2", "552 mailbox full").kind(), "the status wins");
        assertEquals(DeliveryReport.Kind.SOFT, failure("failed", null, "smtp; 451 4.7.1 greylisted").kind());
        assertEquals(DeliveryReport.Kind.HARD, failure("failed", null, "smtp; 550 no such user").kind());
        assertEquals(DeliveryReport.Kind.HARD, failure("failed", null, null).kind(), "a failure that says nothing more is for good");
        assertEquals(DeliveryReport.Kind.NONE, failure("delayed", "4.4.7", "451 try later").kind());
        assertEquals(DeliveryReport.Kind.NONE, failure("delivered", "2.0.0", null).kind());
    }

    @Test
    void aReportAboutSeveralRecipientsListsEach() throws Exception {
        String raw = BounceMailboxTest.dsn("<three@mx.test>", "bounces@roundup.test", "b@example.org", "failed", "5.1.1", "550", null)
                .replace("Final-Recipient: rfc822; b@example.org", "Final-Recipient: rfc822; a@example.org\r\nAction: delayed\r\n"
                        + "Status: 4.4.7\r\n\r\nFinal-Recipient: rfc822; b@example.org");
        List<DeliveryReport.Failure> failures = read(raw).orElseThrow().failures();
        assertEquals(List.of("a@example.org", "b@example.org"), failures.stream().map(DeliveryReport.Failure::recipient).toList());
        assertEquals(List.of(DeliveryReport.Kind.NONE, DeliveryReport.Kind.HARD), failures.stream().map(DeliveryReport.Failure::kind).toList());
    }

    @Test
    void mailThatIsNotADeliveryReportIsNone() throws Exception {
        assertEquals(Optional.empty(), read("From: ada@example.org\r\nTo: bounces@roundup.test\r\nSubject: Out of office\r\n\r\nBack Monday.\r\n"));
        String feedback = BounceMailboxTest.dsn("<four@mx.test>", "bounces@roundup.test", "x@example.org", "failed", "5.0.0", "550", null)
                .replace("report-type=delivery-status", "report-type=feedback-report");
        assertEquals(Optional.empty(), read(feedback), "a complaint report is not a delivery report");
        String noRecipient = BounceMailboxTest.dsn("<five@mx.test>", "bounces@roundup.test", "x@example.org", "failed", "5.0.0", "550", null)
                .replace("Final-Recipient: rfc822; x@example.org\r\nOriginal-Recipient: rfc822;x@example.org\r\n", "");
        assertEquals(Optional.empty(), read(noRecipient), "a report that names nobody");
    }

    @Test
    void aReportWithoutMessageIdStillGetsAStableId() throws Exception {
        String raw = BounceMailboxTest.dsn("<six@mx.test>", "bounces@roundup.test", "x@example.org", "failed", "5.0.0", "550", null)
                .replace("Message-ID: <six@mx.test>\r\n", "");
        assertEquals(read(raw).orElseThrow().reportId(), read(raw).orElseThrow().reportId());
        assertTrue(read(raw).orElseThrow().reportId().startsWith("no-id:"));
    }

    static DeliveryReport.Failure failure(String action, String status, String diagnostic) {
        return new DeliveryReport.Failure("x@example.org", action, status, diagnostic);
    }

    static Optional<DeliveryReport> read(String raw) throws Exception {
        return DeliveryReport.read(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }
}
