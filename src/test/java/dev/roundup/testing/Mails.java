package dev.roundup.testing;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Reading what the app mailed: wait for it, take its text part, find a link in it. */
public final class Mails {

    private Mails() {
    }

    /** Waits up to {@code timeout} until {@code address} has received {@code count} messages, and returns them. */
    public static List<MimeMessage> await(String address, int count, Duration timeout) throws InterruptedException {
        try {
            return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> GreenMailResource.to(address),
                    got -> got.size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(address + " received " + GreenMailResource.to(address).size() + " messages, expected " + count);
        }
    }

    /** Waits {@code quiet} and checks all along that {@code address} received no more than {@code count} messages. */
    public static List<MimeMessage> settled(String address, int count, Duration quiet) {
        try {
            Awaitility.await().during(quiet).atMost(quiet.plusSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> GreenMailResource.to(address).size() <= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(address + " received " + GreenMailResource.to(address).size() + " messages, expected at most " + count);
        }
        return GreenMailResource.to(address);
    }

    /** The address a message was sent to (its first To), without the display name: {@code reader@example.org}. */
    public static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mails of one issue's send that the in-process SMTP server received: their tag is {@code issue.subscriber.mac}. */
    public static List<MimeMessage> ofIssue(long issueId) {
        return java.util.Arrays.stream(GreenMailResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                String tag = m.getHeader("X-Roundup-Delivery", null);
                return tag != null && tag.startsWith(issueId + ".");
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    public static String part(MimeMessage message, String type) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    /** The first link in the text part whose path starts with {@code pathPrefix}. */
    public static String link(MimeMessage message, String pathPrefix) throws Exception {
        Matcher m = Pattern.compile("https?://\\S+" + Pattern.quote(pathPrefix) + "\\S+").matcher(part(message, "text/plain"));
        if (!m.find()) {
            throw new AssertionError("no link to " + pathPrefix);
        }
        return m.group();
    }

    /** The path and query of an absolute URL, to call the app under test. */
    public static String path(String url) {
        return url.replaceFirst("^https?://[^/]+", "");
    }
}
