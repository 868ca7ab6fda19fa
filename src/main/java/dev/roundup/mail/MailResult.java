package dev.roundup.mail;

/**
 * What became of one mail on a {@link MailConnection}: one {@link SmtpOutcome}, the server's reply code (0 when it
 * never answered, 250 when it took the mail), what it said, whether the reply was the answer to the recipient's RCPT
 * (only such a reply can be about the recipient), and the mail's Message-ID once it went out.
 */
public record MailResult(SmtpOutcome outcome, int code, String reply, boolean atRecipient, String messageId) {

    MailResult(SmtpOutcome outcome, int code, String reply, boolean atRecipient) {
        this(outcome, code, reply, atRecipient, null);
    }

    static MailResult delivered(String messageId) {
        return new MailResult(SmtpOutcome.DELIVERED, 250, "250", false, messageId);
    }

    static MailResult unsendable(String why) {
        return new MailResult(SmtpOutcome.UNSENDABLE, 0, why, false);
    }

    public boolean delivered() {
        return outcome == SmtpOutcome.DELIVERED;
    }

    /** 421 means the server closes the connection; after an outage there is none either. */
    public boolean connectionGone() {
        return code == 421 || outcome == SmtpOutcome.UNREACHABLE;
    }
}
