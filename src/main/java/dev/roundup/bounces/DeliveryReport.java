package dev.roundup.bounces;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * A delivery status notification (RFC 3464: {@code multipart/report; report-type=delivery-status}) read from a
 * bounce mailbox: which recipients failed, with which status, and the text in which the original message's
 * delivery tag may be found (its returned headers and the address the report was sent to, for VERP).
 */
public record DeliveryReport(String reportId, List<Failure> failures, String tagSearchText) {

    private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern SMTP_CODE = Pattern.compile("\\b([245])\\d\\d\\b");

    /** One recipient the report is about. */
    public record Failure(String recipient, String action, String status, String diagnostic) {

        /** Permanent (5.x.x), temporary (4.x.x), or not a failure at all (delivered, relayed, delayed). */
        public Kind kind() {
            if (!"failed".equals(action)) {
                return Kind.NONE;
            }
            String s = status == null ? "" : status;
            if (s.startsWith("5")) {
                return Kind.HARD;
            }
            if (s.startsWith("4")) {
                return Kind.SOFT;
            }
            Matcher code = SMTP_CODE.matcher(diagnostic == null ? "" : diagnostic);
            return code.find() && code.group(1).equals("4") ? Kind.SOFT : Kind.HARD;
        }
    }

    public enum Kind {
        HARD, SOFT, NONE
    }

    /** Reads a message as a delivery report; empty when it is not one (an auto-reply, spam, a person writing in). */
    public static java.util.Optional<DeliveryReport> read(MimeMessage message) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/report")) {
            return java.util.Optional.empty();
        }
        String reportType = new ContentType(message.getContentType()).getParameter("report-type");
        if (reportType != null && !reportType.equalsIgnoreCase("delivery-status")) {
            return java.util.Optional.empty();
        }
        Multipart parts = new MimeMultipart(message.getDataHandler().getDataSource());
        List<Failure> failures = new ArrayList<>();
        StringBuilder tagText = new StringBuilder();
        for (String h : headerValues(message, "To", "Delivered-To", "X-Original-To", "Envelope-To")) {
            tagText.append(h).append('\n');
        }
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                failures.addAll(recipients(part));
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers") || part.isMimeType("message/global-headers")
                    || part.isMimeType("message/global")) {
                try (InputStream in = part.getInputStream()) {
                    InternetHeaders original = new InternetHeaders(in);
                    for (String name : new String[] {dev.roundup.mail.MailTag.HEADER, "Return-Path"}) {
                        String[] values = original.getHeader(name);
                        if (values != null) {
                            tagText.append(String.join("\n", values)).append('\n');
                        }
                    }
                }
            }
        }
        if (failures.isEmpty()) {
            return java.util.Optional.empty();
        }
        String id = message.getMessageID();
        if (id == null || id.isBlank()) {
            id = "no-id:" + Integer.toHexString(java.util.Objects.hash(message.getSentDate(), failures));
        }
        return java.util.Optional.of(new DeliveryReport(id.strip(), List.copyOf(failures), tagText.toString()));
    }

    /** The per-recipient blocks of a message/delivery-status part, after its per-message block. */
    private static List<Failure> recipients(Part part) throws MessagingException, IOException {
        List<Failure> found = new ArrayList<>();
        try (InputStream in = part.getInputStream()) {
            new InternetHeaders(in); // per-message fields: Reporting-MTA, Arrival-Date…
            for (int block = 0; block < 1000; block++) {
                InternetHeaders fields = new InternetHeaders(in);
                if (!fields.getAllHeaders().hasMoreElements()) {
                    break;
                }
                String recipient = address(first(fields, "Final-Recipient", first(fields, "Original-Recipient", null)));
                if (recipient == null) {
                    continue;
                }
                String action = lower(first(fields, "Action", ""));
                String status = first(fields, "Status", null);
                Matcher m = STATUS.matcher(status == null ? "" : status);
                found.add(new Failure(recipient, action, m.find() ? m.group() : null, first(fields, "Diagnostic-Code", null)));
            }
        }
        return found;
    }

    /** {@code rfc822; reader@example.org} → {@code reader@example.org}. */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String a = (semicolon >= 0 ? field.substring(semicolon + 1) : field).strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.isEmpty() ? null : lower(a);
    }

    private static String first(InternetHeaders h, String name, String otherwise) {
        String[] v = h.getHeader(name);
        return v == null || v.length == 0 ? otherwise : v[0].replaceAll("\\s+", " ").strip();
    }

    private static List<String> headerValues(MimeMessage m, String... names) throws MessagingException {
        List<String> values = new ArrayList<>();
        var all = m.getMatchingHeaders(names);
        while (all.hasMoreElements()) {
            Header h = all.nextElement();
            values.add(h.getValue());
        }
        return values;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
