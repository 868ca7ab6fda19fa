package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.SmtpSink;

/** Laid-out messages go onto the SMTP connection as they are, and arrive byte for byte; other messages take Angus' way. */
class WireTransportTest {

    private final Session session = Session.getInstance(new Properties());

    @Test
    void laidOutMessagesArriveByteForByteAndOthersAreStillDotStuffed() throws Exception {
        assertTrue(WireTransport.writesLaidOutBytes(), "Angus' connection stream is reachable (did Angus change?)");
        MailLayout layout = new MailLayout("news@roundup.example", "Roundup");
        byte[] first = layout.write(mail(".first\n..\nbye"), "<1@roundup.example>", ZonedDateTime.now());
        byte[] second = layout.write(mail("second " + "x".repeat(300)), "<2@roundup.example>", ZonedDateTime.now());
        // not made by MailLayout: a line begins with a dot, which Angus' way escapes and a laid-out message never has
        MimeMessage other = new MimeMessage(session);
        other.setFrom("news@roundup.example");
        other.setSubject("other");
        other.setText("line one\n.line two\n");

        try (SmtpSink sink = SmtpSink.keepingMessages()) {
            WireTransport transport = new WireTransport(session, false);
            transport.connect("127.0.0.1", sink.port(), null, null);
            InternetAddress to = new InternetAddress("reader@example.org");
            transport.sendMessage(new WireMessage(session, first, "<1@roundup.example>", "s", to, "news@roundup.example"), new InternetAddress[] {to});
            transport.sendMessage(other, new InternetAddress[] {to});
            transport.sendMessage(new WireMessage(session, second, "<2@roundup.example>", "s", to, "news@roundup.example"), new InternetAddress[] {to});
            byte[] rogue = "Subject: rogue\r\n\r\n.unescaped\r\n".getBytes(StandardCharsets.US_ASCII);
            transport.sendMessage(new WireMessage(session, rogue, "<3@roundup.example>", "s", to, "news@roundup.example"), new InternetAddress[] {to});
            byte[] unended = "Subject: unended\r\n\r\nno line end".getBytes(StandardCharsets.US_ASCII);
            transport.sendMessage(new WireMessage(session, unended, "<4@roundup.example>", "s", to, "news@roundup.example"), new InternetAddress[] {to});
            transport.close();

            List<SmtpSink.Received> got = sink.received();
            assertEquals(5, got.size());
            // the "." that ends the data still gets a line of its own, so the message ends where it should
            assertEquals("Subject: unended\r\n\r\nno line end\r\n", got.get(4).text());
            assertArrayEquals(first, got.get(0).raw());
            assertTrue(got.get(1).text().contains("\r\n.line two\r\n"), "Angus dot-stuffed the other message: " + got.get(1).text());
            assertArrayEquals(second, got.get(2).raw());
            // the proof that laid-out bytes skip Angus' streams: this dot went out unescaped, so the server took it as one
            assertTrue(got.get(3).text().endsWith("\r\n\r\nunescaped\r\n"), got.get(3).text());
        }
    }

    private static Mail mail(String text) {
        return new Mail("reader@example.org", "Reader", "Hello", MailBody.of(text), MailBody.of("<p>" + text + "</p>"), Map.of(), null);
    }
}
