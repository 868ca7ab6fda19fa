package dev.roundup.mail;

import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import dev.roundup.Secrets;

/**
 * The one place that lays a mail out as it travels (RFC 5322 and MIME): header lines, then a multipart/alternative
 * body of a quoted-printable text part and a quoted-printable HTML part. Header values come from {@link Mail},
 * which has already made them single-line; words outside ASCII are MIME-encoded here.
 *
 * <p>Jakarta Mail's MimeMessage would build header tables, parse them back, and push each body through a chain of
 * streams byte by byte, for every message of a send: that was where a large send's CPU went (docs/performance.md).
 * The bytes are the same.
 */
final class MailLayout {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
    private static final byte[] CRLF = {'\r', '\n'};

    private final byte[] fromLine;
    private final String boundary;
    private final byte[] textPartHead;
    private final byte[] htmlPartHead;
    private final byte[] end;

    MailLayout(String from, String fromName) throws MessagingException {
        try {
            InternetAddress address = new InternetAddress(from, true);
            address.setPersonal(fromName, "UTF-8");
            this.fromLine = ascii("From: " + InternetAddress.toString(new Address[] {address}, 6) + "\r\n");
        } catch (UnsupportedEncodingException impossible) {
            throw new MessagingException("UTF-8 missing", impossible);
        }
        // "=_" can never occur in quoted-printable text, so no body can contain the boundary
        this.boundary = "=_roundup_" + Secrets.randomToken(12);
        this.textPartHead = ascii("--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        this.htmlPartHead = ascii("\r\n--" + boundary + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        this.end = ascii("\r\n--" + boundary + "--\r\n");
    }

    /** The whole message, as SMTP carries it (before dot-stuffing) and as an .eml file holds it. */
    byte[] write(Mail mail, String messageId, ZonedDateTime date) throws MessagingException {
        byte[] text = mail.text().quotedPrintable();
        byte[] html = mail.html().quotedPrintable();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + text.length + html.length);
        header(out, "Date", DATE.format(date.withZoneSameInstant(ZoneOffset.UTC)));
        out.writeBytes(fromLine);
        header(out, "To", recipient(mail));
        header(out, "Message-ID", messageId);
        header(out, "Subject", MimeUtility.fold(9, encoded(mail.subject())));
        header(out, "MIME-Version", "1.0");
        for (Map.Entry<String, String> h : mail.headers().entrySet()) {
            header(out, h.getKey(), MimeUtility.fold(h.getKey().length() + 2, encoded(h.getValue())));
        }
        header(out, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        out.writeBytes(CRLF);
        int headerLength = out.size();
        out.writeBytes(textPartHead);
        out.writeBytes(text);
        out.writeBytes(htmlPartHead);
        out.writeBytes(html);
        out.writeBytes(end);
        byte[] bytes = out.toByteArray();
        // the bodies are in this form by construction (QuotedPrintable); the headers, which vary, are checked
        requireWireForm(bytes, headerLength);
        return bytes;
    }

    /**
     * SMTP sends a laid-out message as it is ({@link WireTransport}), so its lines must end in CRLF and none may begin
     * with a dot (a line of just "." would end the message early). Anything else is a bug here, not bad input.
     */
    private static void requireWireForm(byte[] bytes, int length) throws MessagingException {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            boolean badEnd = (b == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) || (b == '\n' && (i == 0 || bytes[i - 1] != '\r'));
            boolean dotStartsLine = b == '.' && (i == 0 || bytes[i - 1] == '\n');
            if (badEnd || dotStartsLine) {
                throw new MessagingException("A laid-out header is not in SMTP's form at byte " + i);
            }
        }
    }

    /** The recipient, checked as an address, its name MIME-encoded when it needs to be. */
    static InternetAddress address(Mail mail) throws MessagingException {
        InternetAddress to = new InternetAddress(mail.to(), true);
        if (mail.toName() != null && !mail.toName().isEmpty()) {
            try {
                to.setPersonal(mail.toName(), "UTF-8");
            } catch (UnsupportedEncodingException impossible) {
                throw new MessagingException("UTF-8 missing", impossible);
            }
        }
        return to;
    }

    private static String recipient(Mail mail) throws MessagingException {
        return InternetAddress.toString(new Address[] {address(mail)}, 4);
    }

    private static String encoded(String value) throws MessagingException {
        try {
            return MimeUtility.encodeText(value, "UTF-8", null);
        } catch (UnsupportedEncodingException impossible) {
            throw new MessagingException("UTF-8 missing", impossible);
        }
    }

    private static void header(ByteArrayOutputStream out, String name, String value) {
        out.writeBytes(ascii(name));
        out.write(':');
        out.write(' ');
        out.writeBytes(ascii(value));
        out.writeBytes(CRLF);
    }

    /** Header text is ASCII once encoded; anything else would be a bug, and is written as '?' rather than as raw bytes. */
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
