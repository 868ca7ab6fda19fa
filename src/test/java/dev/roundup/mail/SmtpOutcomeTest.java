package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;

/** Whose fault a refusal is, from the exceptions Angus throws, built here as Angus builds them. */
class SmtpOutcomeTest {

    private static final InternetAddress READER = address("reader@example.org");

    @Test
    void aUserUnknownAtRcptIsTheReaders() {
        MailResult f = SmtpOutcome.of(rcpt(550, "550 5.1.1 <reader@example.org>: Recipient address rejected: User unknown"));
        assertEquals(SmtpOutcome.RECIPIENT_REFUSED, f.outcome());
        assertEquals(550, f.code());
        assertTrue(f.atRecipient());
        assertEquals("550 5.1.1 <reader@example.org>: Recipient address rejected: User unknown", f.reply(), "the server's words, not Jakarta Mail's");
    }

    @Test
    void policyAtRcptIsTheRelays() {
        assertEquals(SmtpOutcome.RELAY_REFUSED, SmtpOutcome.of(rcpt(550, "550 5.7.1 relaying denied")).outcome());
        assertEquals(SmtpOutcome.RELAY_REFUSED, SmtpOutcome.of(rcpt(554, "554 5.7.1 <reader@example.org>: Relay access denied")).outcome());
        assertEquals(SmtpOutcome.RELAY_REFUSED, SmtpOutcome.of(rcpt(553, "553 5.7.0 Sender not authorized")).outcome());
    }

    @Test
    void authCodesAreAuthWhereverTheyCome() {
        assertEquals(SmtpOutcome.AUTH_FAILED, SmtpOutcome.of(rcpt(530, "530 5.7.0 Authentication required")).outcome());
        assertEquals(SmtpOutcome.AUTH_FAILED, SmtpOutcome.of(command("MAIL FROM:<news@roundup.test>", 530, "530 5.7.0 Authentication required")).outcome());
        MailResult bad = SmtpOutcome.of(new AuthenticationFailedException("535 5.7.8 Error: authentication failed"));
        assertEquals(SmtpOutcome.AUTH_FAILED, bad.outcome());
        assertEquals(535, bad.code());
        assertFalse(bad.atRecipient());
    }

    @Test
    void aRefusalAtMailFromIsTheRelaysWhateverTheCode() {
        SMTPSendFailedException mail = command("MAIL FROM:<news@roundup.test>", 554, "554 5.7.1 Sender rejected");
        assertEquals(SmtpOutcome.RELAY_REFUSED, SmtpOutcome.of(mail).outcome());
        SMTPSendFailedException withSender = command("MAIL FROM:<news@roundup.test>", 550, "550 5.1.0 Sender unknown");
        withSender.setNextException(new SMTPSenderFailedException(address("news@roundup.test"), "MAIL FROM:<news@roundup.test>", 550, "550 5.1.0 Sender unknown"));
        assertEquals(SmtpOutcome.RELAY_REFUSED, SmtpOutcome.of(withSender).outcome());
        assertEquals(SmtpOutcome.TEMPORARY, SmtpOutcome.of(command("MAIL FROM:<news@roundup.test>", 451, "451 4.3.0 Try later")).outcome());
    }

    @Test
    void aRefusalAfterDataIsTheMessages() {
        assertEquals(SmtpOutcome.MESSAGE_REFUSED, SmtpOutcome.of(command(".", 554, "554 5.7.1 Message rejected as spam")).outcome());
        MailResult later = SmtpOutcome.of(command(".", 451, "451 4.7.1 Try again later"));
        assertEquals(SmtpOutcome.TEMPORARY, later.outcome());
        assertFalse(later.atRecipient(), "a 4xx after DATA is not about one reader");
    }

    @Test
    void fourXxAtRcptMayBeTheReadersButA421IsTheRelays() {
        MailResult grey = SmtpOutcome.of(rcpt(451, "451 4.7.1 Greylisted"));
        assertEquals(SmtpOutcome.TEMPORARY, grey.outcome());
        assertTrue(grey.atRecipient());
        assertFalse(grey.connectionGone());
        MailResult closing = SmtpOutcome.of(rcpt(421, "421 4.7.0 Too many connections, closing"));
        assertEquals(SmtpOutcome.TEMPORARY, closing.outcome());
        assertFalse(closing.atRecipient());
        assertTrue(closing.connectionGone(), "421: the server closes the connection");
    }

    @Test
    void aBadGreetingIsTheRelaysOrABusyRelay() {
        MailResult refused = SmtpOutcome.of(new MessagingException(
                "Got bad greeting from SMTP host: 127.0.0.1, port: 25, response: 554 5.7.1 You are not allowed to connect"));
        assertEquals(SmtpOutcome.RELAY_REFUSED, refused.outcome());
        assertEquals(554, refused.code());
        assertEquals("554 5.7.1 You are not allowed to connect", refused.reply());
        assertEquals(SmtpOutcome.TEMPORARY, SmtpOutcome.of(new MessagingException(
                "Got bad greeting from SMTP host: 127.0.0.1, port: 25, response: 421 4.3.2 Service not available")).outcome());
    }

    @Test
    void noAnswerIsUnreachable() {
        MailResult down = SmtpOutcome.of(new MessagingException("Couldn't connect to host, port: 127.0.0.1, 1; timeout -1",
                new java.net.ConnectException("Connection refused")));
        assertEquals(SmtpOutcome.UNREACHABLE, down.outcome());
        assertEquals(0, down.code());
        assertTrue(down.connectionGone());
    }

    @Test
    void onlyADeliveredResultIsDeliveredAndAnUnsendableMailNeverReachedTheServer() {
        MailResult sent = MailResult.delivered("<1@roundup.test>");
        assertTrue(sent.delivered());
        assertEquals(250, sent.code());
        assertEquals("<1@roundup.test>", sent.messageId());
        assertFalse(sent.connectionGone());
        MailResult unsendable = MailResult.unsendable("no valid recipient");
        assertFalse(unsendable.delivered());
        assertEquals(SmtpOutcome.UNSENDABLE, unsendable.outcome());
        assertEquals(0, unsendable.code());
        assertFalse(unsendable.connectionGone(), "the connection is still there for the next mail");
        for (SmtpOutcome o : SmtpOutcome.values()) {
            assertEquals(o == SmtpOutcome.DELIVERED, new MailResult(o, 0, "", false).delivered(), o.name());
        }
    }

    /** What Angus throws when RCPT is refused: a SendFailedException whose chain holds the address's refusal. */
    private static SendFailedException rcpt(int code, String reply) {
        SMTPAddressFailedException a = new SMTPAddressFailedException(READER, "RCPT TO:<reader@example.org>", code, reply);
        SendFailedException top = new SMTPSendFailedException("RCPT TO:<reader@example.org>", code, reply, a, new Address[0], new Address[0],
                new Address[] {READER});
        return top;
    }

    private static SMTPSendFailedException command(String cmd, int code, String reply) {
        return new SMTPSendFailedException(cmd, code, reply, null, new Address[0], new Address[] {READER}, new Address[0]);
    }

    private static InternetAddress address(String a) {
        try {
            return new InternetAddress(a);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
