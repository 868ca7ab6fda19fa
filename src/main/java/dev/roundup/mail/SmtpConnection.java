package dev.roundup.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * One SMTP connection to the relay as a {@link MailConnection}, reused for many mails: opened at the first mail, and
 * again at the next one after the server closed it (421), it broke, or it carried {@code messages-per-connection}. Angus' exceptions end here, classified by
 * {@link SmtpOutcome}, and only on a failure, so a mail that went through costs nothing more.
 */
final class SmtpConnection extends ComposingConnection {

    private final Session session;
    private final SmtpConfig smtp;
    private Transport transport;
    private int sentOnTransport;

    SmtpConnection(Mailer mailer, Session session, SmtpConfig smtp) {
        super(mailer);
        this.session = session;
        this.smtp = smtp;
    }

    @Override
    void carry(MimeMessage message) throws MessagingException {
        if (transport == null) {
            transport = open();
            sentOnTransport = 0;
        }
        transport.sendMessage(message, message.getAllRecipients());
        if (++sentOnTransport >= smtp.messagesPerConnection()) {
            close(); // roundup.smtp.messages-per-connection: the next mail opens a new one
        }
    }

    @Override
    MailResult failed(MailResult failure) {
        if (failure.connectionGone()) {
            close(); // the next mail opens a new one
        }
        return failure;
    }

    private Transport open() throws MessagingException {
        Transport t = new WireTransport(session, "smtps".equals(session.getProperty("mail.transport.protocol")));
        try {
            t.connect(smtp.host().orElseThrow(), smtp.port(), smtp.username().orElse(null), smtp.password().orElse(null));
        } catch (MessagingException e) {
            quietlyClose(t);
            throw e;
        }
        return t;
    }

    @Override
    public void close() {
        if (transport != null) {
            quietlyClose(transport);
            transport = null;
        }
    }

    private static void quietlyClose(Transport t) {
        try {
            t.close();
        } catch (MessagingException | RuntimeException alreadyGone) {
            // the server may have closed it first, as Yahoo does; the mail it carried was taken all the same
        }
    }
}
