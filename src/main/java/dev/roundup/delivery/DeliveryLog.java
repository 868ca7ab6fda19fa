package dev.roundup.delivery;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The delivery log: for an issue, who got it, when and with which Message-ID; for a subscriber, which issues they
 * got. Each entry also shows a bounce reported later for that delivery, if any.
 */
@ApplicationScoped
public class DeliveryLog {

    public static final int PAGE_SIZE = 500;

    @Inject
    EntityManager em;

    /** One recipient's delivery of one issue. */
    @Schema(name = "DeliveryLogEntry")
    public record Entry(long issueId, String issueTitle, long subscriberId, String email, String status, int attempts, Instant sentAt,
            String messageId, String lastError, String bounce) {
    }

    public List<Entry> ofIssue(long issueId, String status, int page) {
        return entries("d.issue_id = ?1", issueId, status, page, "d.subscriber_id");
    }

    public List<Entry> ofSubscriber(long subscriberId) {
        return entries("d.subscriber_id = ?1", subscriberId, null, 0, "d.issue_id desc");
    }

    private List<Entry> entries(String where, long id, String status, int page, String order) {
        String filter = status == null || status.isBlank() ? "" : " and d.status = ?2";
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery("select d.issue_id, i.title, d.subscriber_id, s.email, d.status, d.attempts, d.sent_at, d.message_id, "
                    + "d.last_error, (select max(b.kind || coalesce(' ' || b.status, '')) from bounce b where b.issue_id = d.issue_id "
                    + "and b.subscriber_id = d.subscriber_id) from delivery d join subscriber s on s.id = d.subscriber_id "
                    + "join newsletter_issue i on i.id = d.issue_id where " + where + filter + " order by " + order)
                    .setParameter(1, id).setFirstResult(Math.max(0, page) * PAGE_SIZE).setMaxResults(PAGE_SIZE);
            if (!filter.isEmpty()) {
                q.setParameter(2, status.strip().toUpperCase());
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = q.getResultList();
            return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).longValue(), (String) r[3],
                    ((String) r[4]).toLowerCase(), ((Number) r[5]).intValue(), r[6] == null ? null : toInstant(r[6]), (String) r[7],
                    (String) r[8], r[9] == null ? null : ((String) r[9]).toLowerCase())).toList();
        });
    }

    /** A timestamp column of a native query as an Instant, whichever type the driver (H2, PostgreSQL) returned. */
    public static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return Instant.parse(o.toString());
    }
}
