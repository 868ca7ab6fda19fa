package dev.roundup.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** A {@link MailConnection} that composes each mail with the {@link Mailer} and hands the message to its way out. */
abstract class ComposingConnection implements MailConnection {

    private final Mailer mailer;

    ComposingConnection(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public final MailResult send(Mail mail) {
        MimeMessage message;
        try {
            message = mailer.compose(mail);
        } catch (MessagingException e) {
            return MailResult.unsendable(String.valueOf(e.getMessage()));
        }
        String messageId = messageId(message); // before carrying it: after the 250 nothing may turn it into a failure
        try {
            carry(message);
        } catch (MessagingException e) {
            return failed(SmtpOutcome.of(e));
        }
        return MailResult.delivered(messageId);
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException unreadable) {
            return null;
        }
    }

    /** Carries one composed message out; returns when it is taken, or throws as Angus does. */
    abstract void carry(MimeMessage message) throws MessagingException;

    /** What to do after a failure, before it is returned. */
    MailResult failed(MailResult failure) {
        return failure;
    }
}
