package dev.roundup.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What the SMTP relay's answer to one message means, decided in one place from the exception Angus threw. The point
 * is whose fault a refusal is: a reader's (their address, their full mailbox) or the relay's (its policy, our
 * credentials, its load), because only the first may ever count against a reader. Only failures are classified, so
 * the cost stays off the path of a message that went through. Callers get it inside a {@link MailResult} from
 * {@link MailConnection#send}; the walk over Angus' exception chains stays in this package.
 */
public enum SmtpOutcome {
    /** 250: the relay took the message. */
    DELIVERED,
    /** A 5xx to RCPT about the address itself (5.1.1 user unknown, …): a hard bounce, unless the relay rule says otherwise. */
    RECIPIENT_REFUSED,
    /** A 5xx after DATA: the content was refused (spam filter, size), not a reader. */
    MESSAGE_REFUSED,
    /** A 4xx anywhere: try again later. At RCPT it may be the reader's; elsewhere, and 421 always, it is the relay's. */
    TEMPORARY,
    /** The relay refuses to send for us: 5.7.x policy at RCPT (relaying denied), a 5xx to MAIL or at connect (554). */
    RELAY_REFUSED,
    /** The relay could not be reached, or the connection broke without an answer. */
    UNREACHABLE,
    /** Our credentials were refused (535) or the relay wants them (530). */
    AUTH_FAILED,
    /** The mail could not be composed (an address that is not one, a DKIM key that cannot sign): nothing was sent. */
    UNSENDABLE;

    /** Reply codes that are about authentication, wherever they come. */
    private static final int AUTH_REQUIRED = 530;
    private static final int AUTH_INVALID = 535;
    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -](\\d)\\.(\\d{1,3})\\.\\d{1,3}");
    private static final Pattern GREETING = Pattern.compile("Got bad greeting from SMTP host.*response: ?(\\d{3})(.*)", Pattern.DOTALL);
    private static final Pattern LEADING_CODE = Pattern.compile("^(\\d{3})[ -]");

    /** Classifies what Angus threw for one message (or while connecting for it); the mail's Message-ID is not known here. */
    static MailResult of(MessagingException e) {
        SMTPAddressFailedException rcpt = null;
        SMTPSendFailedException command = null;
        SMTPSenderFailedException sender = null;
        AuthenticationFailedException auth = null;
        Exception ex = e;
        for (int depth = 0; ex != null && depth < 10; depth++) { // a bounded walk: a chain could loop
            if (ex instanceof SMTPAddressFailedException a && rcpt == null) {
                rcpt = a;
            } else if (ex instanceof SMTPSendFailedException s && command == null) {
                command = s;
            } else if (ex instanceof SMTPSenderFailedException s && sender == null) {
                sender = s;
            } else if (ex instanceof AuthenticationFailedException a && auth == null) {
                auth = a;
            }
            ex = ex instanceof MessagingException m ? m.getNextException() : null;
        }
        if (auth != null) {
            String reply = text(auth);
            return new MailResult(AUTH_FAILED, leadingCode(reply), reply, false);
        }
        if (rcpt != null) {
            return atRcpt(rcpt.getReturnCode(), text(rcpt));
        }
        if (sender != null) {
            return atMail(sender.getReturnCode(), text(sender));
        }
        if (command != null) {
            String cmd = command.getCommand() == null ? "" : command.getCommand().toUpperCase();
            return cmd.startsWith("MAIL") ? atMail(command.getReturnCode(), text(command)) : atData(command.getReturnCode(), text(command));
        }
        Matcher greeting = GREETING.matcher(String.valueOf(e.getMessage()));
        if (greeting.find()) {
            int code = Integer.parseInt(greeting.group(1));
            String reply = (greeting.group(1) + greeting.group(2)).strip();
            return new MailResult(code >= 500 ? RELAY_REFUSED : code >= 400 ? TEMPORARY : UNREACHABLE, code, reply, false);
        }
        return new MailResult(UNREACHABLE, 0, String.valueOf(e.getMessage()).strip(), false);
    }

    private static MailResult atRcpt(int code, String reply) {
        if (code == AUTH_REQUIRED || code == AUTH_INVALID) {
            return new MailResult(AUTH_FAILED, code, reply, false);
        }
        if (code == 421) {
            return new MailResult(TEMPORARY, code, reply, false); // the relay is closing the connection: not about this reader
        }
        if (code >= 500) {
            // 5.7.x is policy (relaying denied, sender not allowed, authentication needed): the relay refuses us, not them
            return new MailResult(policy(reply) ? RELAY_REFUSED : RECIPIENT_REFUSED, code, reply, true);
        }
        if (code >= 400) {
            return new MailResult(TEMPORARY, code, reply, true);
        }
        return new MailResult(UNREACHABLE, code, reply, false);
    }

    private static MailResult atMail(int code, String reply) {
        if (code == AUTH_REQUIRED || code == AUTH_INVALID) {
            return new MailResult(AUTH_FAILED, code, reply, false);
        }
        // MAIL FROM names our sender: a refusal there is the relay's policy whatever the code says
        return new MailResult(code >= 500 ? RELAY_REFUSED : code >= 400 ? TEMPORARY : UNREACHABLE, code, reply, false);
    }

    private static MailResult atData(int code, String reply) {
        if (code == AUTH_REQUIRED || code == AUTH_INVALID) {
            return new MailResult(AUTH_FAILED, code, reply, false);
        }
        return new MailResult(code >= 500 ? MESSAGE_REFUSED : code >= 400 ? TEMPORARY : UNREACHABLE, code, reply, false);
    }

    /** Whether an enhanced status code says "policy or security" (class 7). */
    static boolean policy(String reply) {
        Matcher m = ENHANCED.matcher(reply);
        return m.find() && m.group(2).equals("7");
    }

    private static int leadingCode(String reply) {
        Matcher m = LEADING_CODE.matcher(reply);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** What the server said, e.g. "550 5.1.1 <a@example.org>: User unknown", rather than Jakarta Mail's summary. */
    private static String text(Exception e) {
        return e.getMessage() == null ? "" : e.getMessage().strip();
    }
}
