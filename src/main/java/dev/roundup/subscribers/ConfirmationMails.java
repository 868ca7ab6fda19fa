package dev.roundup.subscribers;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.jboss.logging.Logger;

import dev.roundup.mail.MailFrame;
import dev.roundup.mail.MailTag;
import dev.roundup.mail.MailTemplates;
import dev.roundup.mail.Mailer;
import dev.roundup.settings.NewsletterSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.scheduler.Scheduled;

/** The double opt-in mail: composes it, sends it, and works off the queue of confirmations that imports asked for. */
@ApplicationScoped
public class ConfirmationMails {

    private static final Logger LOG = Logger.getLogger(ConfirmationMails.class);

    @Inject
    Mailer mailer;

    @Inject
    SubscriberLinks links;

    @Inject
    SubscribersConfig config;

    @Inject
    NewsletterSettings newsletter;

    @Inject
    MailTemplates mails;

    @CheckedTemplate
    static class Templates {
        /** The confirmation's pair, {@code confirmation.html} and {@code confirmation.txt}, over the mail base. */
        static native TemplateInstance confirmation(MailFrame frame, String name, String confirmUrl, String validDays);
    }

    /** Sends the confirmation mail now. The subscriber must be readable (call inside or after its transaction). */
    void send(long id, String email, String name, String publicId) throws MessagingException {
        Subscriber target = new Subscriber();
        target.publicId = publicId;
        String url = links.confirmUrl(target, config.confirmLinkValidity());
        String days = String.valueOf(Math.max(1, config.confirmLinkValidity().toDays()));
        String who = name == null || name.isBlank() ? null : name;
        mailer.send(mails.mail(email, who, "Confirm your subscription to " + newsletter.name(),
                Templates.confirmation(mails.frame(), who, url, days)), MailTag.Kind.CONFIRMATION, id);
    }

    /** Sends the confirmations that imports queued, a batch at a time; a failure leaves the rest queued. */
    @Scheduled(every = "{roundup.subscribers.confirmation-queue-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendQueued() {
        List<Subscriber> batch = QuarkusTransaction.requiringNew().call(() -> Subscriber
                .<Subscriber>find("confirmationRequestedAt is not null and confirmationSentAt is null and status in ?1 order by id",
                        java.util.List.of(SubscriberStatus.PENDING, SubscriberStatus.UNSUBSCRIBED))
                .page(Page.ofSize(100)).list());
        for (Subscriber s : batch) {
            try {
                send(s.id, s.email, s.name, s.publicId);
                QuarkusTransaction.requiringNew().run(() -> {
                    Subscriber fresh = Subscriber.findById(s.id);
                    fresh.confirmationSentAt = Instant.now();
                    SubscriberEvent.record(fresh, "confirmation-sent", null, fresh.confirmationSentAt);
                });
            } catch (MessagingException | RuntimeException e) {
                LOG.warnf("Could not send the confirmation mail to subscriber %d, will retry: %s", s.id, e.getMessage());
                return;
            }
        }
    }
}
