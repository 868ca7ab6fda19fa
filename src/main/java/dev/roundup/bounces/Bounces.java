package dev.roundup.bounces;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import dev.roundup.EmailAddress;
import dev.roundup.delivery.DeliveryLog;
import dev.roundup.delivery.DeliveryTag;
import dev.roundup.mail.MailTag;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.subscribers.Subscriptions;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Turns delivery reports into bounces: finds the delivery by its tag (never by the address alone, so a forged
 * report cannot remove a reader), records the bounce once per report, and suppresses the address after a hard
 * bounce or {@code roundup.subscribers.soft-bounce-limit} soft ones. A bounce of a confirmation mail counts against
 * that sign-up the same way; one of a receipt or a test send is recognised by its {@link MailTag} and only logged.
 */
@ApplicationScoped
public class Bounces {

    private static final Logger LOG = Logger.getLogger(Bounces.class);

    @Inject
    DeliveryTag tags;

    @Inject
    MailTag mailTags;

    @Inject
    Subscriptions subscriptions;

    @Inject
    EntityManager em;

    @Inject
    BounceMetrics metrics;

    /** What became of a report. */
    public enum Outcome {
        /** Recorded as a bounce. */
        RECORDED,
        /** Already recorded from an earlier reading. */
        ALREADY_SEEN,
        /** About a delay or a success, not a failure. */
        NOT_A_FAILURE,
        /** About a receipt or a test send: recognised and logged, but about nobody on the list. */
        NOT_A_READER,
        /** Carries no genuine delivery tag: not about a Roundup issue, or forged. */
        UNMATCHED
    }

    /** A bounce as shown to editors. */
    @Schema(name = "BounceRecord")
    public record Shown(long id, long subscriberId, String email, Long issueId, String issueTitle, String kind, String status, String detail,
            Instant receivedAt) {
    }

    public Outcome record(DeliveryReport report) {
        Optional<DeliveryTag.Delivery> delivery = tags.find(report.tagSearchText());
        if (delivery.isPresent()) {
            return record(report, delivery.get().subscriberId(), delivery.get().issueId());
        }
        Optional<MailTag.Tagged> single = mailTags.find(report.tagSearchText());
        if (single.isEmpty()) {
            return Outcome.UNMATCHED;
        }
        if (single.get().kind() == MailTag.Kind.CONFIRMATION) {
            return record(report, single.get().id(), null); // the address never confirmed: a hard bounce ends the sign-up
        }
        LOG.infof("A bounce report about a %s mail (%s): nobody on the list to change", single.get().kind().name().toLowerCase(),
                report.failures().isEmpty() ? "" : report.failures().get(0).status());
        return Outcome.NOT_A_READER;
    }

    /** Records a report about a mail to a subscriber: an issue ({@code issueId}) or their confirmation mail (null). */
    private Outcome record(DeliveryReport report, long subscriberId, Long issueId) {
        String email = QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>findByIdOptional(subscriberId).map(s -> s.email).orElse(null));
        if (email == null) {
            return Outcome.UNMATCHED; // deleted since
        }
        // a report may list several recipients; the one about this reader, else the only one there is
        Optional<DeliveryReport.Failure> failure = report.failures().stream().filter(f -> EmailAddress.sameAddress(f.recipient(), email)).findFirst()
                .or(() -> report.failures().size() == 1 ? Optional.of(report.failures().get(0)) : Optional.empty());
        if (failure.isEmpty() || failure.get().kind() == DeliveryReport.Kind.NONE) {
            return Outcome.NOT_A_FAILURE;
        }
        DeliveryReport.Failure f = failure.get();
        boolean isNew = QuarkusTransaction.requiringNew().call(() -> {
            if (Bounce.count("reportId = ?1 and subscriberId = ?2", report.reportId(), subscriberId) > 0) {
                return false;
            }
            Bounce b = new Bounce();
            b.subscriberId = subscriberId;
            b.issueId = issueId != null && issueExists(issueId) ? issueId : null;
            b.kind = f.kind().name();
            b.status = f.status();
            b.detail = cut(f.diagnostic());
            b.reportId = cut(report.reportId(), 200);
            b.receivedAt = Instant.now();
            b.persist();
            return true;
        });
        if (!isNew) {
            return Outcome.ALREADY_SEEN;
        }
        String detail = (f.status() == null ? "" : f.status() + " ") + (f.diagnostic() == null ? "" : f.diagnostic())
                + (issueId == null ? " (confirmation mail)" : " (issue " + issueId + ")");
        metrics.recorded(f.kind());
        if (f.kind() == DeliveryReport.Kind.HARD) {
            subscriptions.hardBounce(subscriberId, "bounce report: " + detail);
        } else {
            subscriptions.softBounce(subscriberId, "bounce report: " + detail);
        }
        LOG.infof("Recorded a %s bounce for subscriber %d (%s)", f.kind(), subscriberId, issueId == null ? "confirmation mail" : "issue " + issueId);
        return Outcome.RECORDED;
    }

    public List<Shown> forIssue(long issueId) {
        return shown("b.issue_id = ?1", issueId);
    }

    public List<Shown> forSubscriber(long subscriberId) {
        return shown("b.subscriber_id = ?1", subscriberId);
    }

    public List<Shown> recent() {
        return shown("1 = 1", null);
    }

    private List<Shown> shown(String where, Long param) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery("select b.id, b.subscriber_id, s.email, b.issue_id, i.title, b.kind, b.status, b.detail, b.received_at "
                    + "from bounce b join subscriber s on s.id = b.subscriber_id left join newsletter_issue i on i.id = b.issue_id where " + where
                    + " order by b.received_at desc, b.id desc");
            if (param != null) {
                q.setParameter(1, param);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = q.setMaxResults(500).getResultList();
            return rows.stream().map(r -> new Shown(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2],
                    r[3] == null ? null : ((Number) r[3]).longValue(), (String) r[4], ((String) r[5]).toLowerCase(), (String) r[6], (String) r[7],
                    DeliveryLog.toInstant(r[8]))).toList();
        });
    }

    private boolean issueExists(long issueId) {
        return ((Number) em.createNativeQuery("select count(*) from newsletter_issue where id = ?1").setParameter(1, issueId)
                .getSingleResult()).longValue() > 0;
    }

    private static String cut(String s) {
        return cut(s, 500);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
