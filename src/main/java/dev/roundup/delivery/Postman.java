package dev.roundup.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.util.Properties;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

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
    private MailLayout layout;
    private StalledWrites stalledWrites;

    @PostConstruct
    void init() {
        // Jakarta Mail looks its StreamProvider up through ServiceLoader on every header it encodes (a jar scan each
        // time, where a large send's CPU went: docs/performance.md); the system property is checked first and makes
        // it a class lookup.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        Properties props = new Properties();
        stalledWrites = smtp.host().isPresent() ? new StalledWrites(smtp.timeout()) : null;
        smtp.host().ifPresent(host -> {
            String protocol = "ssl".equalsIgnoreCase(smtp.tls()) ? "smtps" : "smtp";
            props.put("mail.transport.protocol", protocol);
            props.put("mail." + protocol + ".host", host);
            props.put("mail." + protocol + ".port", String.valueOf(smtp.port()));
            props.put("mail." + protocol + ".connectiontimeout", String.valueOf(smtp.timeout().toMillis()));
            props.put("mail." + protocol + ".timeout", String.valueOf(smtp.timeout().toMillis()));
            if (protocol.equals("smtps")) {
                // implicit TLS does not go through our socket factory, so Jakarta Mail's write timeout guards it
                props.put("mail.smtps.writetimeout", String.valueOf(smtp.timeout().toMillis()));
            }
            if ("starttls".equalsIgnoreCase(smtp.tls())) {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
            }
            if (smtp.username().isPresent()) {
                props.put("mail." + protocol + ".auth", "true");
            }
            if (protocol.equals("smtp")) {
                props.put("mail.smtp.socketFactory", new NoDelaySocketFactory(stalledWrites));
                props.put("mail.smtp.socketFactory.fallback", "false");
            }
        });
        props.put("mail.mime.charset", "UTF-8");
        session = Session.getInstance(props);
        try {
            layout = new MailLayout(mail.from(), mail.fromName().orElse(roundup.name()));
        } catch (MessagingException e) {
            throw new IllegalStateException("roundup.mail.from is not a usable address: " + e.getMessage(), e);
        }
        outbox = Path.of(mail.outboxDir().orElse(roundup.dataDir() + "/outbox"));
    }

    @PreDestroy
    void stop() {
        if (stalledWrites != null) {
            stalledWrites.stop();
        }
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
        Transport transport = new WireTransport(session, "smtps".equals(session.getProperty("mail.transport.protocol")));
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
     * Lays the message out (From, To, Date, Message-ID, subject, extra headers, text and HTML alternatives; see
     * {@link MailLayout}); signed with DKIM when configured, and with its own envelope sender when the mail has one.
     */
    public MimeMessage compose(OutgoingMail outgoing) throws MessagingException {
        String id = messageId();
        byte[] bytes = layout.write(outgoing, id, ZonedDateTime.now());
        String envelopeFrom = outgoing.returnPath() != null ? outgoing.returnPath() : mail.from();
        if (!dkim.enabled()) {
            return new WireMessage(session, bytes, id, outgoing.subject(), MailLayout.address(outgoing), envelopeFrom);
        }
        SMTPMessage signed = dkim.sign(new SMTPMessage(session, new ByteArrayInputStream(bytes)));
        signed.setEnvelopeFrom(envelopeFrom);
        return signed;
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

}
