package dev.roundup.mail;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.RoundupConfig;

/**
 * How mail leaves this instance, in words an editor reads on the status page: the SMTP relay or the outbox folder,
 * the From and envelope addresses, and whether DKIM signs. Never a password or a key.
 */
@ApplicationScoped
public class MailRoute {

    /** The mail settings in force. {@code relay} is empty when mail goes to the {@code outbox} folder. */
    public record InForce(Optional<String> relay, String outbox, boolean authenticated, String from, String envelopeSender,
            boolean dkim, String dkimDomain, String dkimSelector) {
    }

    @Inject
    SmtpConfig smtp;

    @Inject
    MailConfig mail;

    @Inject
    DkimConfig dkimConfig;

    @Inject
    DkimSigning dkim;

    @Inject
    RoundupConfig roundup;

    public InForce inForce() {
        Optional<String> relay = smtp.host().map(h -> h + ":" + smtp.port() + " (" + smtp.tls() + ")");
        String outbox = mail.outboxDir().orElse(roundup.dataDir() + "/outbox");
        return new InForce(relay, outbox, smtp.username().isPresent(), mail.from(), mail.bounceAddress().orElse(mail.from()),
                dkim.enabled(), dkimConfig.domain().orElse(""), dkimConfig.selector().orElse(""));
    }
}
