package dev.roundup.testing;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** Reading what the app mailed: wait for it, take its text part, find a link in it. */
public final class Mails {

    private Mails() {
    }

    /** Waits up to {@code timeout} until {@code address} has received {@code count} messages, and returns them. */
    public static List<MimeMessage> await(String address, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MimeMessage> got = GreenMailResource.to(address);
        while (got.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            got = GreenMailResource.to(address);
        }
        if (got.size() < count) {
            throw new AssertionError(address + " received " + got.size() + " messages, expected " + count);
        }
        return got;
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
