package dev.roundup.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.Properties;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.jboss.logging.Logger;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;

/**
 * Sends single mails (confirmations, receipts, tests): composes the RFC 5322 message and hands it to the SMTP relay,
 * or, when none is configured, writes it as an .eml file into the outbox folder, exactly as SMTP would carry it.
 */
@ApplicationScoped
public class Postman {

    private static final Logger LOG = Logger.getLogger(Postman.class);

    @Inject
    MailConfig mail;

    @Inject
    SmtpConfig smtp;

    @Inject
    RoundupConfig roundup;

    @Inject
    DkimSigning dkim;

    private Session session;
    private Path outbox;

    @PostConstruct
    void init() {
        // Jakarta Mail looks its StreamProvider up through ServiceLoader on every header it encodes (a jar scan each
        // time: most of the CPU of a large send); the system property is checked first and makes it a class lookup.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        Properties props = new Properties();
        smtp.host().ifPresent(host -> {
            String protocol = "ssl".equalsIgnoreCase(smtp.tls()) ? "smtps" : "smtp";
            props.put("mail.transport.protocol", protocol);
            props.put("mail." + protocol + ".host", host);
            props.put("mail." + protocol + ".port", String.valueOf(smtp.port()));
            props.put("mail." + protocol + ".connectiontimeout", String.valueOf(smtp.timeout().toMillis()));
            props.put("mail." + protocol + ".timeout", String.valueOf(smtp.timeout().toMillis()));
            props.put("mail." + protocol + ".writetimeout", String.valueOf(smtp.timeout().toMillis()));
            if ("starttls".equalsIgnoreCase(smtp.tls())) {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
            }
            if (smtp.username().isPresent()) {
                props.put("mail." + protocol + ".auth", "true");
            }
            if (protocol.equals("smtp")) {
                props.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
                props.put("mail.smtp.socketFactory.fallback", "false");
            }
        });
        props.put("mail.mime.charset", "UTF-8");
        session = Session.getInstance(props);
        outbox = Path.of(mail.outboxDir().orElse(roundup.dataDir() + "/outbox"));
    }

    /** Whether mail goes to the outbox folder rather than an SMTP server. */
    public boolean usesOutbox() {
        return smtp.host().isEmpty();
    }

    /** Sends one mail on a channel of its own and returns its Message-ID. */
    public String send(OutgoingMail outgoing) throws MessagingException {
        MimeMessage message = compose(outgoing);
        try (MailChannel channel = openChannel()) {
            channel.send(message);
        }
        return message.getMessageID();
    }

    /** Opens a way out for many messages: one SMTP connection kept open, or the outbox. */
    public MailChannel openChannel() throws MessagingException {
        if (usesOutbox()) {
            return new MailChannel() {
                @Override
                public void send(MimeMessage message) throws MessagingException {
                    writeToOutbox(message);
                }

                @Override
                public void close() {
                    // nothing to close: each message is its own file
                }
            };
        }
        Transport transport = session.getTransport();
        transport.connect(smtp.host().orElseThrow(), smtp.port(), smtp.username().orElse(null), smtp.password().orElse(null));
        return new MailChannel() {
            @Override
            public void send(MimeMessage message) throws MessagingException {
                transport.sendMessage(message, message.getAllRecipients());
            }

            @Override
            public void close() {
                try {
                    transport.close();
                } catch (MessagingException alreadyGone) {
                    // the server may have closed it first, as Yahoo does
                }
            }
        };
    }

    /**
     * Builds the MIME message: From, To, Date, Message-ID, subject, text and HTML alternatives, extra headers; signed
     * with DKIM when configured, and with its own envelope sender when the mail has one.
     */
    public MimeMessage compose(OutgoingMail outgoing) throws MessagingException {
        IdentifiedMessage message = new IdentifiedMessage(session, messageId());
        try {
            message.setFrom(new InternetAddress(mail.from(), mail.fromName().orElse(roundup.name()), "UTF-8"));
            message.setRecipient(MimeMessage.RecipientType.TO, outgoing.toName() == null || outgoing.toName().isEmpty()
                    ? new InternetAddress(outgoing.to(), true)
                    : new InternetAddress(outgoing.to(), outgoing.toName(), "UTF-8"));
        } catch (UnsupportedEncodingException impossible) {
            throw new MessagingException("UTF-8 missing", impossible);
        }
        message.setSubject(outgoing.subject(), "UTF-8");
        message.setSentDate(new Date());
        for (var header : outgoing.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        MimeMultipart alternative = new MimeMultipart("alternative", encodedPart("text/plain; charset=UTF-8", outgoing.text()),
                encodedPart("text/html; charset=UTF-8", outgoing.html()));
        message.setContent(alternative);
        message.saveChanges();
        SMTPMessage signed = dkim.sign(message);
        if (outgoing.returnPath() != null) {
            signed.setEnvelopeFrom(outgoing.returnPath());
        }
        return signed;
    }

    /** A body part whose content is already encoded, so writing the message copies bytes instead of encoding again. */
    private static MimeBodyPart encodedPart(String contentType, MailBody content) throws MessagingException {
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", contentType);
        headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return new MimeBodyPart(headers, content.quotedPrintable());
    }

    private String messageId() {
        String from = mail.from();
        String domain = from.substring(from.indexOf('@') + 1);
        return "<" + System.currentTimeMillis() + "." + Secrets.randomToken(12) + "@" + domain + ">";
    }

    private void writeToOutbox(MimeMessage message) throws MessagingException {
        try {
            Files.createDirectories(outbox);
            String id = message.getMessageID().replaceAll("[^A-Za-z0-9._-]", "");
            Path tmp = Files.createTempFile(outbox, "writing-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                message.writeTo(out);
            }
            // a finished file appears at once or not at all
            Files.move(tmp, outbox.resolve(id + ".eml"), StandardCopyOption.ATOMIC_MOVE);
            LOG.debugf("Wrote %s to the outbox", id);
        } catch (IOException e) {
            throw new MessagingException("Could not write to the outbox " + outbox + ": " + e.getMessage(), e);
        }
    }

    /** Keeps our own Message-ID, which saveChanges() would otherwise replace. */
    private static final class IdentifiedMessage extends SMTPMessage {
        private final String id;

        IdentifiedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
