package dev.roundup.listings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.Rejected;
import dev.roundup.settings.NewsletterSettings;
import dev.roundup.mail.MailFrame;
import dev.roundup.mail.MailTag;
import dev.roundup.mail.MailTemplates;
import dev.roundup.mail.Mailer;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The one moderation rule for projects and jobs (approve, reject with a reason, feature, unfeature), and the mail
 * that tells a submitter each approval and rejection. A change of status is claimed by one conditional update, so a
 * double click or two editors at once make one decision and one mail; the mail goes after the commit.
 */
@ApplicationScoped
class Moderation {

    private static final Logger LOG = Logger.getLogger(Moderation.class);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    @Inject
    Mailer mailer;

    @Inject
    NewsletterSettings newsletter;

    @Inject
    MailTemplates mails;

    @CheckedTemplate
    static class Templates {
        /** The decision mail's pair, {@code decision.html} and {@code decision.txt}, over the mail base. */
        static native TemplateInstance decision(MailFrame frame, String name, String what, String title, boolean approved,
                String reason, String link, String until);
    }

    /** What moderation reads and changes of one listing, a project or a job, as loaded for this decision. */
    record Listing(long id, ListingStatus seen, Consumer<ListingStatus> setStatus, Runnable onApprove, Consumer<String> setReason,
            Consumer<Boolean> setFeatured, Runnable touch, Supplier<Notice> notice) {
    }

    /** An approval or rejection to tell the submitter about: whom, about what, and for a job the last day it is open. */
    record Notice(long id, String email, String name, String what, String title, ListingStatus status, String reason, String link,
            LocalDate openUntil) {
    }

    /**
     * Applies {@code action} to the listings of {@code type} ({@link Project}, {@link Job}) with these ids, in one
     * transaction; returns how many changed, then mails each submitter whose listing was approved or rejected.
     */
    <L> int decide(Class<L> type, List<Long> ids, String action, String reason, BiFunction<L, Instant, Listing> view) {
        String entity = type.getSimpleName();
        List<Notice> notices = new ArrayList<>();
        int changed = QuarkusTransaction.requiringNew().call(() -> {
            int count = 0;
            Instant now = Instant.now();
            for (L row : Panache.getEntityManager().createQuery("from " + entity + " where id in ?1", type).setParameter(1, ids)
                    .getResultList()) {
                Listing listing = view.apply(row, now);
                if (decide(listing, action, reason, next -> Panache.getEntityManager()
                        .createQuery("update " + entity + " set status = ?1, updatedAt = ?2 where id = ?3 and status = ?4")
                        .setParameter(1, next).setParameter(2, now).setParameter(3, listing.id()).setParameter(4, listing.seen())
                        .executeUpdate() == 1)) {
                    listing.touch().run();
                    count++;
                    Notice notice = listing.notice().get();
                    if (notice.status() != listing.seen()) {
                        notices.add(notice);
                    }
                }
            }
            return count;
        });
        notices.forEach(this::tell);
        return changed;
    }

    /** The rule itself. {@code claim} changes the stored status only if it is still the one read: else nothing happens. */
    private static boolean decide(Listing l, String action, String reason, java.util.function.Predicate<ListingStatus> claim) {
        switch (action == null ? "" : action) {
            case "approve" -> {
                if (!l.seen().canBecome(ListingStatus.PUBLISHED) || !claim.test(ListingStatus.PUBLISHED)) {
                    return false;
                }
                l.setStatus().accept(ListingStatus.PUBLISHED);
                l.setReason().accept(null);
                l.onApprove().run();
                return true;
            }
            case "reject" -> {
                if (!l.seen().canBecome(ListingStatus.REJECTED) || !claim.test(ListingStatus.REJECTED)) {
                    return false;
                }
                l.setStatus().accept(ListingStatus.REJECTED);
                String r = reason == null || reason.isBlank() ? "Not a fit for the newsletter." : reason.strip();
                l.setReason().accept(r.length() > 500 ? r.substring(0, 500) : r);
                return true;
            }
            case "feature", "unfeature" -> {
                l.setFeatured().accept(action.equals("feature"));
                return true;
            }
            default -> throw unknownAction(action);
        }
    }

    /** Mails a decision to its submitter, tagged like the receipt; a mail failure does not undo the decision. */
    private void tell(Notice n) {
        boolean approved = n.status() == ListingStatus.PUBLISHED;
        String until = approved && n.openUntil() != null ? DAY.format(n.openUntil()) : null;
        String reason = approved ? null : n.reason();
        String subject = "Your " + n.what() + " for " + newsletter.name() + (approved ? " is approved" : " was not accepted");
        try {
            mailer.send(mails.mail(n.email(), n.name(), subject,
                    Templates.decision(mails.frame(), n.name(), n.what(), n.title(), approved, reason, n.link(), until)),
                    MailTag.Kind.RECEIPT, n.id());
        } catch (Exception e) {
            LOG.warnf("Could not tell the submitter of %s %d about its moderation: %s", n.what(), n.id(), e.getMessage());
        }
    }

    /** A moderation action that does not exist: the sender's mistake, a 400 wherever it surfaces. */
    private static Rejected unknownAction(String action) {
        return new Rejected("action", action == null || action.isEmpty() ? "Choose an action: approve, reject, feature or unfeature."
                : "Unknown action " + (action.length() > 40 ? action.substring(0, 40) + "…" : action)
                        + ": use approve, reject, feature or unfeature.");
    }
}
