package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.junit.jupiter.api.Test;

/** What MailLayout writes is a well-formed message that any mail reader decodes back to what was meant. */
class MailLayoutTest {

    private final Session session = Session.getInstance(new Properties());

    @Test
    void aLaidOutMessageParsesBackToItsParts() throws Exception {
        MailLayout layout = new MailLayout("news@roundup.example", "Ünïcode Weekly");
        String text = "Hello Zoë,\n.a line starting with a dot\n" + "long line ".repeat(30) + "\nbye";
        String html = "<p>Hello Zoë — <a href=\"https://example.org/?a=1&amp;b=2\">link</a></p>";
        Mail mail = new Mail("zoe@example.org", "Zoë \"the\" Reader", "Weekly Roundup: ☕ and 🐍, Mar 09–Mar 16, 2026",
                MailBody.of(text), MailBody.of(html),
                Map.of("List-Unsubscribe", "<https://roundup.example/unsubscribe/abc.def>", "List-Id", "Roundup <newsletter.roundup.example>"), null);
        byte[] bytes = layout.write(mail, "<1.abc@roundup.example>", ZonedDateTime.of(2026, 3, 16, 9, 5, 0, 0, ZoneId.of("Europe/Paris")));

        String raw = new String(bytes, StandardCharsets.US_ASCII);
        assertFalse(raw.matches("(?s).*[^\r]\n.*"), "every line ends in CRLF");
        for (String line : raw.split("\r\n")) {
            assertTrue(line.length() <= 998, "no line over 998 characters");
            assertTrue(line.chars().allMatch(c -> c < 128), "only ASCII on the wire: " + line);
        }
        assertTrue(raw.startsWith("Date: Mon, 16 Mar 2026 08:05:00 +0000\r\n"), raw);
        assertArrayEquals(bytes, throughAngusSmtpStream(bytes), "in SMTP's form already: nothing to convert or dot-stuff");

        MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(bytes));
        assertEquals("Weekly Roundup: ☕ and 🐍, Mar 09–Mar 16, 2026", parsed.getSubject());
        assertEquals("Ünïcode Weekly", ((InternetAddress) parsed.getFrom()[0]).getPersonal());
        assertEquals("Zoë \"the\" Reader", ((InternetAddress) parsed.getAllRecipients()[0]).getPersonal());
        assertEquals("zoe@example.org", ((InternetAddress) parsed.getAllRecipients()[0]).getAddress());
        assertEquals("<1.abc@roundup.example>", parsed.getMessageID());
        assertEquals("<https://roundup.example/unsubscribe/abc.def>", parsed.getHeader("List-Unsubscribe", null));
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertTrue(parsed.getContentType().startsWith("multipart/alternative"));
        assertEquals(2, parts.getCount());
        assertEquals(text.replace("\n", "\r\n"), parts.getBodyPart(0).getContent());
        assertEquals(html, parts.getBodyPart(1).getContent());
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
    }

    @Test
    void bodiesFullOfDotsNeedNoDotStuffing() throws Exception {
        MailLayout layout = new MailLayout("news@roundup.example", "Roundup");
        // dots at the start of lines, after soft breaks (a 75-character line, then a dot) and at the start of pieces
        String text = ".\n..\n.leading\n" + "x".repeat(75) + ".after a soft break\n" + ". ".repeat(200);
        MailBody joined = MailBody.joined(List.of(MailBody.piece("Hello "), MailBody.piece(".dot name"), MailBody.piece(".\n.")));
        Mail mail = new Mail("a@example.org", ".Dot", ".subject", MailBody.of(text), joined, Map.of(), null);
        byte[] bytes = layout.write(mail, "<3@roundup.example>", ZonedDateTime.now());
        assertArrayEquals(bytes, throughAngusSmtpStream(bytes));
        MimeMultipart parts = (MimeMultipart) new MimeMessage(session, new ByteArrayInputStream(bytes)).getContent();
        assertEquals(text.replace("\n", "\r\n"), parts.getBodyPart(0).getContent());
        assertEquals("Hello .dot name.\r\n.", parts.getBodyPart(1).getContent());
    }

    @Test
    void randomNamesSubjectsAndHeadersStayInSmtpForm() throws Exception {
        MailLayout layout = new MailLayout("news@roundup.example", ".Roundup. Weekly");
        Random random = new Random(2026);
        String alphabet = "ab .\t\r\n.:;\"<>=?_\u00e9\u2014\ud83d\ude00";
        for (int round = 0; round < 300; round++) {
            Mail mail = new Mail("r" + round + "@example.org", randomText(random, alphabet), randomText(random, alphabet),
                    MailBody.of(randomText(random, alphabet)), MailBody.of(randomText(random, alphabet)),
                    Map.of("List-Id", randomText(random, alphabet) + " <newsletter.roundup.example>", "X-Note", randomText(random, alphabet)), null);
            byte[] bytes = layout.write(mail, "<" + round + "@roundup.example>", ZonedDateTime.now());
            assertArrayEquals(bytes, throughAngusSmtpStream(bytes), "round " + round + ":\n" + new String(bytes, StandardCharsets.US_ASCII));
            MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(bytes));
            assertEquals(mail.subject(), parsed.getSubject());
        }
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(180);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(alphabet.length());
            if (Character.isLowSurrogate(alphabet.charAt(at))) {
                at--;
            }
            s.appendCodePoint(alphabet.codePointAt(at));
        }
        return s.toString();
    }

    /** What Angus' SMTP transport would put on the wire for these bytes: CRLF line ends and dot-stuffing. */
    private static byte[] throughAngusSmtpStream(byte[] bytes) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SMTPOutputStream smtp = new SMTPOutputStream(wire);
        smtp.write(bytes);
        smtp.ensureAtBOL();
        return wire.toByteArray();
    }

    @Test
    void noHeaderCanBeAddedThroughAValue() throws Exception {
        MailLayout layout = new MailLayout("news@roundup.example", "Roundup");
        Mail mail = new Mail("a@example.org", "Eve\r\nBcc: victim@example.org", "Hi\r\nX-Injected: yes",
                MailBody.of("t"), MailBody.of("h"), Map.of("X-Note", "one\nX-Other: two"), null);
        String raw = new String(layout.write(mail, "<2@roundup.example>", ZonedDateTime.now()), StandardCharsets.US_ASCII);
        List<String> headerNames = raw.substring(0, raw.indexOf("\r\n\r\n")).lines().filter(l -> !l.startsWith(" ") && !l.startsWith("\t"))
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertFalse(headerNames.contains("Bcc"), raw);
        assertFalse(headerNames.contains("X-Injected"), raw);
        assertFalse(headerNames.contains("X-Other"), raw);
    }
}
