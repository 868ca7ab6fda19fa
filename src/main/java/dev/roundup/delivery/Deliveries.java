package dev.roundup.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one place that changes delivery rows, one per (issue, subscriber): created in one statement when a send starts,
 * claimed a batch at a time, marked sent only after the server's 250, retried, failed or skipped. On PostgreSQL the
 * claim uses {@code FOR UPDATE SKIP LOCKED}, so several instances share a send without overlap; embedded H2 serves
 * one process, where a lock in this JVM does the same.
 */
@ApplicationScoped
public class Deliveries {

    @Inject
    EntityManager em;

    @Inject
    SendConfig config;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    private final ReentrantLock localClaims = new ReentrantLock();

    /** A claimed delivery with what the message needs to know about its reader. */
    public record Claimed(long subscriberId, String email, String name, String publicId, int tokenVersion, int attempts) {
    }

    /** Fixes the recipient set: every confirmed subscriber now, in one statement. Returns how many. */
    int createFor(long issueId, Instant now) {
        // a send restarted after a cancel keeps what was sent: only new readers are added, unfinished ones retried
        em.createNativeQuery("update delivery set status = 'PENDING', claimed_by = null, next_attempt_at = ?2 "
                + "where issue_id = ?1 and status in ('PENDING', 'CLAIMED')").setParameter(1, issueId).setParameter(2, now).executeUpdate();
        em.createNativeQuery("insert into delivery (issue_id, subscriber_id, status, attempts, next_attempt_at) "
                + "select ?1, s.id, 'PENDING', 0, ?2 from subscriber s where s.status = 'CONFIRMED' "
                + "and not exists (select 1 from delivery d where d.issue_id = ?1 and d.subscriber_id = s.id)")
                .setParameter(1, issueId).setParameter(2, now).executeUpdate();
        return ((Number) em.createNativeQuery("select count(*) from delivery where issue_id = ?1").setParameter(1, issueId)
                .getSingleResult()).intValue();
    }

    /**
     * Claims up to {@code size} due deliveries (and ones whose claimer died) for this claim token. Candidates are
     * picked in subscriber order through the (issue, status, subscriber) index, then marked in the same transaction,
     * so a claim costs the batch, not the list. The ORDER BY names all three index columns: with the subscriber
     * alone H2 read every pending row of the issue and sorted them, on each claim.
     */
    public List<Claimed> claim(long issueId, String token, int size) {
        boolean postgres = dbKind.startsWith("postgres");
        if (!postgres) {
            localClaims.lock();
        }
        try {
            Instant now = Instant.now();
            String lock = postgres ? " for update skip locked" : "";
            List<Long> ids = QuarkusTransaction.requiringNew().call(() -> {
                List<Long> picked = new ArrayList<>(ids(em.createNativeQuery("select d.subscriber_id from delivery d where d.issue_id = ?1 "
                        + "and d.status = 'PENDING' and d.next_attempt_at <= ?2 order by d.issue_id, d.status, d.subscriber_id limit " + size + lock)
                        .setParameter(1, issueId).setParameter(2, now).getResultList()));
                if (picked.size() < size) {
                    picked.addAll(ids(em.createNativeQuery("select d.subscriber_id from delivery d where d.issue_id = ?1 "
                            + "and d.status = 'CLAIMED' and d.claimed_at < ?2 order by d.issue_id, d.status, d.subscriber_id limit " + (size - picked.size()) + lock)
                            .setParameter(1, issueId).setParameter(2, now.minus(config.claimLease())).getResultList()));
                }
                if (!picked.isEmpty()) {
                    // the range lets H2 walk the primary key; the list alone made it scan the whole issue
                    em.createNativeQuery("update delivery set status = 'CLAIMED', claimed_by = :token, claimed_at = :now "
                            + "where issue_id = :issue and subscriber_id between :low and :high and subscriber_id in (:ids)")
                            .setParameter("token", token).setParameter("now", now).setParameter("issue", issueId).setParameter("ids", picked)
                            .setParameter("low", Collections.min(picked)).setParameter("high", Collections.max(picked))
                            .executeUpdate();
                }
                return picked;
            });
            if (ids.isEmpty()) {
                return List.of();
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "select s.id, s.email, s.name, s.public_id, s.token_version, d.attempts from delivery d join subscriber s on s.id = d.subscriber_id "
                            + "where d.issue_id = :issue and d.subscriber_id between :low and :high and d.subscriber_id in (:ids) "
                            + "and d.status = 'CLAIMED' and d.claimed_by = :token order by s.id")
                    .setParameter("issue", issueId).setParameter("ids", ids).setParameter("token", token)
                    .setParameter("low", Collections.min(ids)).setParameter("high", Collections.max(ids)).getResultList());
            return rows.stream().map(r -> new Claimed(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    ((Number) r[4]).intValue(), ((Number) r[5]).intValue())).toList();
        } finally {
            if (!postgres) {
                localClaims.unlock();
            }
        }
    }

    private static List<Long> ids(List<?> rows) {
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    /** A message the server accepted (250): its delivery is done. */
    public record Sent(long issueId, long subscriberId, String messageId, Instant at) {
    }

    /**
     * Marks deliveries sent, all in one transaction: one commit for what several connections sent meanwhile. Plain
     * JDBC with one batched statement, because this runs for every message of a send and is what a crash must not
     * lose: the ORM and a JTA transaction per group cost more than the update itself.
     */
    public void sent(List<Sent> sent) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("update delivery set status = 'SENT', message_id = ?, sent_at = ?, "
                    + "last_error = null where issue_id = ? and subscriber_id = ?")) {
                for (Sent s : sent) {
                    update.setString(1, s.messageId());
                    update.setObject(2, s.at().atOffset(ZoneOffset.UTC));
                    update.setLong(3, s.issueId());
                    update.setLong(4, s.subscriberId());
                    update.addBatch();
                }
                update.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark " + sent.size() + " deliveries sent: " + e.getMessage(), e);
        }
    }

    /** Of these subscribers, the ones who may still get mail (confirmed), read in one query. */
    public Set<Long> stillSubscribed(Collection<Long> subscriberIds) {
        if (subscriberIds.isEmpty()) {
            return Set.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> new HashSet<>(ids(em.createNativeQuery(
                "select id from subscriber where id between :low and :high and id in (:ids) and status = 'CONFIRMED'")
                .setParameter("ids", subscriberIds).setParameter("low", Collections.min(subscriberIds))
                .setParameter("high", Collections.max(subscriberIds)).getResultList())));
    }

    /** A temporary refusal (4xx) or an outage: try again later; counts as an attempt only when the server answered. */
    public void retryLater(long issueId, long subscriberId, Instant when, String error, boolean countAttempt) {
        update("status = 'PENDING', claimed_by = null, next_attempt_at = ?3, last_error = ?4"
                + (countAttempt ? ", attempts = attempts + 1" : ""), issueId, subscriberId, when, cut(error));
    }

    public void failed(long issueId, long subscriberId, String error) {
        update("status = 'FAILED', attempts = attempts + 1, last_error = ?3", issueId, subscriberId, cut(error));
    }

    /** The subscriber left (or bounced) after the send started: nothing is sent to them. */
    public void skipped(long issueId, long subscriberId, String why) {
        update("status = 'SKIPPED', last_error = ?3", issueId, subscriberId, why);
    }

    /** Extends the lease of a batch still being sent. */
    public void renew(long issueId, String token) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update delivery set claimed_at = ?3 where issue_id = ?1 and status = 'CLAIMED' and claimed_by = ?2")
                .setParameter(1, issueId).setParameter(2, token).setParameter(3, Instant.now()).executeUpdate());
    }

    /** Gives back what a worker claimed but did not get to (pause, shutdown). */
    public void release(long issueId, String token) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update delivery set status = 'PENDING', claimed_by = null where issue_id = ?1 and status = 'CLAIMED' and claimed_by = ?2")
                .setParameter(1, issueId).setParameter(2, token).executeUpdate());
    }

    /** Deliveries of an issue by status. */
    public Map<String, Long> counts(long issueId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : List.of("PENDING", "CLAIMED", "SENT", "FAILED", "SKIPPED")) {
            counts.put(s.toLowerCase(), 0L);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select status, count(*) from delivery where issue_id = ?1 group by status").setParameter(1, issueId).getResultList());
        rows.forEach(r -> counts.put(((String) r[0]).toLowerCase(), ((Number) r[1]).longValue()));
        return counts;
    }

    /** Sent in the last {@code seconds}, for the rate shown on the progress bar. */
    public long sentSince(long issueId, Instant since) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from delivery where issue_id = ?1 and status = 'SENT' and sent_at >= ?2")
                .setParameter(1, issueId).setParameter(2, since).getSingleResult()).longValue());
    }

    private void update(String set, long issueId, long subscriberId, Object p3, Object p4) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em.createNativeQuery("update delivery set " + set + " where issue_id = ?1 and subscriber_id = ?2")
                    .setParameter(1, issueId).setParameter(2, subscriberId);
            if (set.contains("?3")) {
                q.setParameter(3, p3);
            }
            if (set.contains("?4")) {
                q.setParameter(4, p4);
            }
            q.executeUpdate();
        });
    }

    private void update(String set, long issueId, long subscriberId, Object p3) {
        update(set, issueId, subscriberId, p3, null);
    }

    private static String cut(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
