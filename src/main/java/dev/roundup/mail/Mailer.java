package dev.roundup.mail;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Properties;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPMessage;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;
import io.quarkus.runtime.StartupEvent;

/**
 * The way out for every mail: composes the RFC 5322 message and hands it to the SMTP relay, or, when none is
 * configured, writes it as an .eml file into the outbox folder, exactly as SMTP would carry it. Single mails
 * (confirmations, receipts, tests) go through {@link #send}; a send engine keeps a {@link MailConnection} open.
 */
@ApplicationScoped
public class Mailer {

    @Inject
    MailConfig mail;

    @Inject
    SmtpConfig smtp;

    @Inject
    RoundupConfig roundup;

    @Inject
    DkimSigning dkim;

    @Inject
    SenderIdentity sender;

    @Inject
    MailTag tags;

    private Session session;
    private Path outbox;
    private volatile SenderLayout layout;
    private StalledWrites stalledWrites;

    /** A greeting that is no host name is refused when Roundup starts, not at the first mail. */
    void checkGreeting(@Observes StartupEvent start) {
        if (smtp.host().isPresent()) {
            EhloName.choose(smtp.ehloName(), mail.from(), roundup.baseUrl());
        }
    }

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
            props.put("mail." + protocol + ".localhost", EhloName.choose(smtp.ehloName(), mail.from(), roundup.baseUrl()));
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

    /**
     * Sends one mail on a connection of its own and returns its Message-ID; throws with the server's reply if it did
     * not go. The mail is tagged with what it was, in a header and in its envelope sender (the bounce address, VERP),
     * so that a bounce of it is recognised.
     */
    public String send(Mail mail, MailTag.Kind kind, long id) throws MessagingException {
        String tag = tags.of(kind, id);
        Mail tagged = mail.withHeader(MailTag.HEADER, tag).withReturnPath(this.mail.bounceAddress().map(a -> MailTag.verp(a, tag)).orElse(null));
        try (MailConnection connection = connect()) {
            MailResult result = connection.send(tagged);
            if (!result.delivered()) {
                throw new MessagingException(result.reply());
            }
            return result.messageId();
        }
    }

    /** A way out for many mails: one SMTP connection kept open (opened at the first mail), or the outbox. */
    public MailConnection connect() {
        if (usesOutbox()) {
            return new Outbox(this, outbox);
        }
        return new SmtpConnection(this, session, smtp);
    }

    /**
     * Lays the message out (From, To, Date, Message-ID, subject, extra headers, text and HTML alternatives; see
     * {@link MailLayout}); signed with DKIM when configured, and with its own envelope sender when the mail has one.
     */
    MimeMessage compose(Mail outgoing) throws MessagingException {
        String from = sender.from();
        String id = messageId(from);
        Mail withReplyTo = sender.replyTo().filter(r -> !outgoing.headers().containsKey("Reply-To"))
                .map(r -> outgoing.withHeader("Reply-To", r)).orElse(outgoing);
        byte[] bytes = layout(from, sender.fromName()).write(withReplyTo, id, ZonedDateTime.now());
        String envelopeFrom = outgoing.returnPath() != null ? outgoing.returnPath() : from;
        if (!dkim.enabled()) {
            return new WireMessage(session, bytes, id, outgoing.subject(), MailLayout.address(outgoing), envelopeFrom);
        }
        SMTPMessage signed = dkim.sign(new SMTPMessage(session, new ByteArrayInputStream(bytes)));
        signed.setEnvelopeFrom(envelopeFrom);
        return signed;
    }

    /** The layout for this From, made again only when the settings changed it (its From line is written once). */
    private MailLayout layout(String from, String fromName) throws MessagingException {
        SenderLayout current = layout;
        if (current == null || !current.from().equals(from) || !current.fromName().equals(fromName)) {
            current = new SenderLayout(from, fromName, new MailLayout(from, fromName));
            layout = current;
        }
        return current.layout();
    }

    private record SenderLayout(String from, String fromName, MailLayout layout) {
    }

    private static String messageId(String from) {
        String domain = from.substring(from.indexOf('@') + 1);
        return "<" + System.currentTimeMillis() + "." + Secrets.randomToken(12) + "@" + domain + ">";
    }
}
