package dev.roundup.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** One open way out for mail: an SMTP connection kept open for many messages, or the outbox folder. */
public interface MailChannel extends AutoCloseable {

    /** Sends one message; returns when the server accepted it (250) or throws. */
    void send(MimeMessage message) throws MessagingException;

    @Override
    void close();
}
