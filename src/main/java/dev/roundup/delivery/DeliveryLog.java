package dev.roundup.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roundup.roundup.Issue;
import dev.roundup.subscribers.Recipients;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The delivery log: for an issue, who got it, when and with which Message-ID; for a subscriber, which issues they
 * got. Each entry also shows a bounce reported later for that delivery, if any. Reads delivery rows only; the
 * readers' addresses, the issues' titles and the bounces are asked of the features that own them, one query each
 * for a whole page.
 */
@ApplicationScoped
public class DeliveryLog {

    public static final int PAGE_SIZE = 500;

    @Inject
    EntityManager em;

    @Inject
    Recipients recipients;

    @Inject
    LaterBounces bounces;

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
            var q = em.createNativeQuery("select d.issue_id, d.subscriber_id, d.status, d.attempts, d.sent_at, d.message_id, d.last_error "
                    + "from delivery d where " + where + filter + " order by " + order)
                    .setParameter(1, id).setFirstResult(Math.max(0, page) * PAGE_SIZE).setMaxResults(PAGE_SIZE);
            if (!filter.isEmpty()) {
                q.setParameter(2, status.strip().toUpperCase());
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = q.getResultList();
            Set<Long> issueIds = rows.stream().map(r -> ((Number) r[0]).longValue()).collect(Collectors.toSet());
            Set<Long> subscriberIds = rows.stream().map(r -> ((Number) r[1]).longValue()).collect(Collectors.toSet());
            Map<Long, String> titles = Issue.titles(issueIds);
            Map<Long, String> addresses = recipients.addresses(subscriberIds);
            Map<String, String> bounced = bounces.latest(issueIds, subscriberIds);
            return rows.stream().map(r -> {
                long issueId = ((Number) r[0]).longValue();
                long subscriberId = ((Number) r[1]).longValue();
                String address = addresses.get(subscriberId);
                String bounce = bounced.get(LaterBounces.key(issueId, subscriberId));
                return address == null ? null : new Entry(issueId, titles.get(issueId), subscriberId, address, ((String) r[2]).toLowerCase(),
                        ((Number) r[3]).intValue(), r[4] == null ? null : toInstant(r[4]), (String) r[5], (String) r[6],
                        bounce == null ? null : bounce.toLowerCase());
            }).filter(Objects::nonNull).toList();
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
