package dev.roundup.mail;

/**
 * One open way out for mail, for many mails in a row: an SMTP connection kept open (opened at the first mail, and
 * again after the server dropped it), or the outbox folder. Made by {@link Mailer#connect()}; not thread-safe.
 */
public interface MailConnection extends AutoCloseable {

    /** Composes and sends one mail; never throws for what the server or the network did, but says it. */
    MailResult send(Mail mail);

    @Override
    void close();
}
