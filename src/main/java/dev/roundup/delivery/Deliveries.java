package dev.roundup.delivery;

import static dev.roundup.delivery.DeliveryStatus.FAILED;
import static dev.roundup.delivery.DeliveryStatus.PENDING;
import static dev.roundup.delivery.DeliveryStatus.SENT;
import static dev.roundup.delivery.DeliveryStatus.SKIPPED;
import static dev.roundup.delivery.Jdbc.at;
import static dev.roundup.delivery.Jdbc.longs;
import static dev.roundup.delivery.Jdbc.prepare;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.roundup.clicks.Delivered;
import dev.roundup.roundup.Readership;
import dev.roundup.subscribers.Recipients;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The one place that changes delivery rows, one per (issue, subscriber): created in one statement when a send starts
 * (for the recipients {@link Recipients} names),
 * claimed a batch at a time, marked sent only after the server's 250, retried, failed or skipped. Two ways to claim,
 * chosen by {@code roundup.send.claims}: in the database, with {@code FOR UPDATE SKIP LOCKED}, so several instances
 * on PostgreSQL share a send without overlap; or in this JVM, for embedded H2, which serves one process.
 */
@ApplicationScoped
public class Deliveries implements Readership, Delivered {

    @Inject
    EntityManager em;

    @Inject
    SendConfig config;

    @Inject
    Jdbc jdbc;

    @Inject
    Recipients recipients;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> jdbcUrl;

    private volatile SendConfig.Claims claims;

    private final ReentrantLock localClaims = new ReentrantLock();
    private final Map<String, LocalClaim> claimedHere = new ConcurrentHashMap<>();
    private final Set<Long> localIssues = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> claimCursor = new ConcurrentHashMap<>();

    /** What {@link Claimed} is read from, up to the WHERE clause's conditions. */
    private static final String READERS = "select " + Recipients.READER_COLUMNS + ", d.attempts from delivery d "
            + Recipients.joinReader("d.subscriber_id") + " where ";

    /** A claimed delivery with what the message needs to know about its reader. */
    public record Claimed(long subscriberId, String email, String name, String publicId, int tokenVersion, int attempts) {
    }

    /** Fixes the recipient set: everyone {@link Recipients} names now, in one statement. Returns how many. */
    int createFor(long issueId, Instant now) {
        // a send restarted after a cancel keeps what was sent: only new readers are added, unfinished ones retried.
        // A claim younger than the lease may belong to a worker of the cancelled run still finishing its message
        // (it looks at the send's state every moment, not constantly): it stays claimed until that worker gives it
        // back, or until its lease runs out if the worker is gone, so no reader is handed to two workers at once.
        em.createNativeQuery("update delivery set status = 'PENDING', claimed_by = null, next_attempt_at = ?2 "
                + "where issue_id = ?1 and (status = 'PENDING' or (status = 'CLAIMED' and (claimed_at is null or claimed_at < ?3)))")
                .setParameter(1, issueId).setParameter(2, now).setParameter(3, now.minus(config.claimLease())).executeUpdate();
        em.createNativeQuery("insert into delivery (issue_id, subscriber_id, status, attempts, next_attempt_at) "
                + "select ?1, r.id, 'PENDING', 0, ?2 from (" + recipients.idsSql() + ") r "
                + "where not exists (select 1 from delivery d where d.issue_id = ?1 and d.subscriber_id = r.id)")
                .setParameter(1, issueId).setParameter(2, now).executeUpdate();
        return ((Number) em.createNativeQuery("select count(*) from delivery where issue_id = ?1").setParameter(1, issueId)
                .getSingleResult()).intValue();
    }

    /**
     * Claims up to {@code size} due deliveries of the issue for this claim token, in subscriber order, with what each
     * message needs to know about its reader. A claimed delivery is sent by nobody else until {@link #release}.
     */
    public List<Claimed> claim(long issueId, String token, int size) {
        return claimsInThisJvm() ? claimHere(issueId, token, size) : claimShared(issueId, token, size);
    }

    /**
     * PostgreSQL, where several instances may share a send: candidates (due ones, and ones whose claimer died) are
     * picked with {@code FOR UPDATE SKIP LOCKED} through the (issue, status, subscriber) index, marked with the token
     * and a lease, and their readers read, in one transaction. The ORDER BY names all three index columns, so the
     * database walks the index instead of sorting the issue's rows. Plain JDBC, like every statement a send repeats:
     * the ORM and a JTA transaction cost more than the statements themselves.
     */
    private List<Claimed> claimShared(long issueId, String token, int size) {
        Instant now = Instant.now();
        return jdbc.inTransaction(c -> {
            List<Long> picked = new ArrayList<>(longs(c, "select d.subscriber_id from delivery d where d.issue_id = ? and d.status = 'PENDING' "
                    + "and d.next_attempt_at <= ? order by d.issue_id, d.status, d.subscriber_id limit " + size + " for update skip locked", issueId, at(now)));
            if (picked.size() < size) {
                picked.addAll(longs(c, "select d.subscriber_id from delivery d where d.issue_id = ? and d.status = 'CLAIMED' and d.claimed_at < ? "
                        + "order by d.issue_id, d.status, d.subscriber_id limit " + (size - picked.size()) + " for update skip locked",
                        issueId, at(now.minus(config.claimLease()))));
            }
            if (picked.isEmpty()) {
                return List.<Claimed>of();
            }
            List<Object> params = new ArrayList<>(List.of(token, at(now), issueId, Collections.min(picked), Collections.max(picked)));
            params.addAll(picked);
            try (PreparedStatement update = prepare(c, "update delivery d set status = 'CLAIMED', claimed_by = ?, claimed_at = ? where " + these(picked), params)) {
                update.executeUpdate();
            }
            return readers(c, READERS + these(picked) + " and d.status = 'CLAIMED' and d.claimed_by = ? order by d.subscriber_id",
                    params.subList(2, params.size()), token);
        });
    }

    /**
     * Embedded H2, which only this process can open: claims are kept in this JVM and a claim writes nothing. The
     * rows stay PENDING until their "sent" marks are saved, and a worker releases its claim only after that, so no
     * row is handed out twice; after a crash the unsent ones are simply pending. This halves the rows a send writes.
     */
    private List<Claimed> claimHere(long issueId, String token, int size) {
        localClaims.lock();
        try {
            if (localIssues.add(issueId)) {
                // CLAIMED rows of an embedded database are left over from a run that ended: due again
                jdbc.execute("update delivery set status = 'PENDING', claimed_by = null where issue_id = ? and status = 'CLAIMED'", issueId);
            }
            Set<Long> busy = new HashSet<>();
            claimedHere.values().stream().filter(claim -> claim.issueId() == issueId).forEach(claim -> busy.addAll(claim.subscriberIds()));
            // claims go up the subscriber ids from where the last one ended, so a claim reads its batch, not the rows
            // other workers hold; once the top is reached they start again from the bottom, for retries come due
            long after = claimCursor.getOrDefault(issueId, 0L);
            boolean fromBottom = after == 0;
            while (true) {
                List<Claimed> due = pending(issueId, after, size);
                List<Claimed> mine = due.stream().filter(d -> !busy.contains(d.subscriberId())).toList();
                if (!mine.isEmpty()) {
                    claimCursor.put(issueId, mine.get(mine.size() - 1).subscriberId());
                    claimedHere.put(token, new LocalClaim(issueId, mine.stream().map(Claimed::subscriberId).collect(Collectors.toSet())));
                    return mine;
                }
                if (!due.isEmpty()) {
                    after = due.get(due.size() - 1).subscriberId(); // all held by other workers: look further up
                } else if (!fromBottom) {
                    after = 0;
                    fromBottom = true;
                } else {
                    return List.of();
                }
            }
        } finally {
            localClaims.unlock();
        }
    }

    private List<Claimed> pending(long issueId, long afterSubscriber, int limit) {
        return jdbc.inTransaction(c -> readers(c, READERS + "d.issue_id = ? and d.status = 'PENDING' and d.subscriber_id > ? "
                + "and d.next_attempt_at <= ? order by d.issue_id, d.status, d.subscriber_id limit " + limit,
                List.of(issueId, afterSubscriber, at(Instant.now()))));
    }

    /** Decides where claims live at start, so that an H2 URL the rule refuses stops the app before anything is sent. */
    void onStart(@Observes StartupEvent event) {
        claimsInThisJvm();
    }

    /**
     * Whether claims live in this JVM ({@link SendConfig.Claims#of}): as {@code roundup.send.claims} says, by default for
     * embedded H2; a database any other instance can reach keeps them in the database.
     */
    private boolean claimsInThisJvm() {
        if (claims == null) {
            claims = SendConfig.Claims.of(config.claims(), dbKind, jdbcUrl.orElse(null));
        }
        return claims == SendConfig.Claims.IN_PROCESS;
    }

    /** Deliveries held by a worker of this JVM, on embedded H2. */
    private record LocalClaim(long issueId, Set<Long> subscriberIds) {
    }

    private static List<Claimed> readers(Connection c, String sql, List<Object> params, Object... more) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement select = prepare(c, sql, params, more); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                claimed.add(new Claimed(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getInt(5), rows.getInt(6)));
            }
        }
        return claimed;
    }

    /** Deliveries of one issue by subscriber: the range lets H2 walk the primary key, the list alone made it scan the issue. */
    private static String these(List<Long> subscriberIds) {
        return "d.issue_id = ? and d.subscriber_id between ? and ? and d.subscriber_id in (" + "?,".repeat(subscriberIds.size() - 1) + "?)";
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
        jdbc.inTransaction(c -> {
            // a row already sent keeps its first Message-ID: a second mark is of a message taken over (see DeliveryWorker).
            // The attempt that got the 250 counts like any other: a reader delivered at the first try shows one attempt
            try (PreparedStatement update = c.prepareStatement("update delivery set status = " + SENT.sql() + ", message_id = ?, sent_at = ?, "
                    + "attempts = attempts + 1, last_error = null where issue_id = ? and subscriber_id = ? and " + SENT.mayBecomeSql())) {
                // in key order, so consecutive updates touch the same index pages (several workers' marks interleave)
                for (Sent s : sent.stream().sorted(Comparator.comparingLong(Sent::issueId).thenComparingLong(Sent::subscriberId)).toList()) {
                    update.setString(1, s.messageId());
                    update.setObject(2, at(s.at()));
                    update.setLong(3, s.issueId());
                    update.setLong(4, s.subscriberId());
                    update.addBatch();
                }
                return update.executeBatch();
            }
        });
    }

    /** Of these subscribers, the ones who still receive issues, asked of {@link Recipients}. */
    public Set<Long> stillSubscribed(Collection<Long> subscriberIds) {
        return recipients.stillReceiving(subscriberIds);
    }

    /**
     * A temporary refusal (4xx) or an outage: try again later; counts as an attempt only when the server answered.
     * Like every change a worker makes to its readers' rows, fenced by its claim {@code token} (see {@link #change}).
     */
    public void retryLater(long issueId, long subscriberId, String token, Instant when, String error, boolean countAttempt) {
        change(PENDING, "claimed_by = null, next_attempt_at = ?, last_error = ?" + (countAttempt ? ", attempts = attempts + 1" : ""),
                issueId, subscriberId, token, at(when), cut(error));
    }

    /**
     * Gives back the attempts counted for 4xx replies that turned out to be the relay's, not these readers' (see
     * {@link RelayHealth}); one failed by such a reply is pending again, due at {@code when}.
     */
    public void refund(long issueId, List<Long> subscriberIds, Instant when) {
        List<Object> params = new ArrayList<>(List.of(at(when), issueId));
        params.addAll(subscriberIds);
        jdbc.execute("update delivery set attempts = case when attempts > 0 then attempts - 1 else 0 end, "
                + "next_attempt_at = case when status = 'FAILED' then ? else next_attempt_at end, "
                + "status = case when status = 'FAILED' then 'PENDING' else status end "
                + "where issue_id = ? and subscriber_id in (" + "?,".repeat(subscriberIds.size() - 1) + "?) "
                + "and (status in ('PENDING', 'CLAIMED') or (status = 'FAILED' and last_error like 'still refused after%'))", params.toArray());
    }

    /**
     * An editor retries the failed deliveries of an issue: those of readers still subscribed go back to the queue
     * with their attempts reset; readers who left, bounced or are suppressed stay as they are. Returns how many.
     */
    int retryFailed(long issueId, Instant now) {
        // in the caller's transaction, with the send's change to running
        return em.createNativeQuery("update delivery set status = 'PENDING', attempts = 0, claimed_by = null, next_attempt_at = ?1 "
                + "where issue_id = ?2 and status = 'FAILED' and subscriber_id in (" + recipients.idsSql() + ")")
                .setParameter(1, now).setParameter(2, issueId).executeUpdate();
    }

    /** Refused for good, or after the last attempt; fenced by the claim {@code token} as {@link #change} says. */
    public void failed(long issueId, long subscriberId, String token, String error) {
        change(FAILED, "attempts = attempts + 1, last_error = ?", issueId, subscriberId, token, cut(error));
    }

    /** The subscriber left (or bounced) after the send started: nothing is sent to them. Fenced by the claim {@code token}. */
    public void skipped(long issueId, long subscriberId, String token, String why) {
        change(SKIPPED, "last_error = ?", issueId, subscriberId, token, why);
    }

    /**
     * Extends the lease of the part of a batch still to be sent, and returns which of those deliveries are still
     * claimed with this token. One missing was taken over by another worker, of this or another instance, after the
     * lease ran out (a takeover writes its own token: the token is the fence), or changed meanwhile (a restart after
     * a cancel, a reader deleted): either way it is not this worker's to send any more, or another worker's reader
     * gets it twice. The others still are.
     */
    public Set<Long> renew(long issueId, String token, List<Long> stillToSend) {
        if (claimsInThisJvm() || stillToSend.isEmpty()) {
            return Set.copyOf(stillToSend); // claims on embedded H2 live in this JVM and have no lease
        }
        List<Object> params = new ArrayList<>(List.of(token, issueId, Collections.min(stillToSend), Collections.max(stillToSend)));
        params.addAll(stillToSend);
        return jdbc.inTransaction(c -> {
            List<Object> update = new ArrayList<>(params);
            update.add(0, at(Instant.now()));
            try (PreparedStatement renew = prepare(c, "update delivery d set claimed_at = ? where d.status = 'CLAIMED' and d.claimed_by = ? and "
                    + these(stillToSend), update)) {
                renew.executeUpdate();
            }
            return new HashSet<>(longs(c, "select d.subscriber_id from delivery d where d.status = 'CLAIMED' and d.claimed_by = ? and "
                    + these(stillToSend), params.toArray()));
        });
    }

    /** Gives back what a worker claimed but did not get to (pause, shutdown). */
    public void release(long issueId, String token) {
        if (claimedHere.remove(token) != null || claimsInThisJvm()) {
            return;
        }
        jdbc.execute("update delivery set status = 'PENDING', claimed_by = null where issue_id = ? and status = 'CLAIMED' and claimed_by = ?",
                issueId, token);
    }

    /** Deliveries of an issue by status. */
    public Map<DeliveryStatus, Long> counts(long issueId) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus s : DeliveryStatus.values()) {
            counts.put(s, 0L);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select status, count(*) from delivery where issue_id = ?1 group by status").setParameter(1, issueId).getResultList());
        rows.forEach(r -> counts.put(DeliveryStatus.valueOf((String) r[0]), ((Number) r[1]).longValue()));
        return counts;
    }

    @Override
    public long reached(long issueId) {
        return counts(issueId).get(DeliveryStatus.SENT);
    }

    @Override
    public Optional<Instant> lastDelivered(long issueId) {
        Object at = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select max(sent_at) from delivery where issue_id = ?1 and status = " + SENT.sql()).setParameter(1, issueId)
                .getSingleResult());
        return Optional.ofNullable(at == null ? null : DeliveryLog.toInstant(at));
    }

    /** Deliveries of an issue still to try (pending or claimed), counted in the caller's transaction. */
    long leftToTry(long issueId) {
        return ((Number) em.createNativeQuery("select count(*) from delivery where issue_id = ?1 and status in ('PENDING', 'CLAIMED')")
                .setParameter(1, issueId).getSingleResult()).longValue();
    }

    /** What was sent since {@code since}, for the rate shown on the progress bar: how many, and the first and last of them. */
    SendRate.Marks sentSince(long issueId, Instant since) {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select count(*), min(sent_at), max(sent_at) from delivery where issue_id = ?1 and status = 'SENT' and sent_at >= ?2")
                .setParameter(1, issueId).setParameter(2, since).getSingleResult());
        long count = ((Number) row[0]).longValue();
        return count == 0 ? SendRate.Marks.NONE
                : new SendRate.Marks(count, DeliveryLog.toInstant(row[1]), DeliveryLog.toInstant(row[2]));
    }

    /**
     * How many readers a send started now would mail: those {@link Recipients} names, less the ones this issue already
     * reached (a send started again after a cancel does not mail them twice). The same rule {@link #createFor} applies.
     */
    public long toMail(long issueId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from (" + recipients.idsSql() + ") r "
                + "where not exists (select 1 from delivery d where d.issue_id = ?1 and d.subscriber_id = r.id and d.status = 'SENT')")
                .setParameter(1, issueId).getSingleResult()).longValue());
    }

    /**
     * Changes one delivery to {@code status}, with more columns set as {@code set} says, unless its status may not
     * become that one ({@link DeliveryStatus}): a sent delivery is never made pending or failed again. A worker's
     * change is fenced by its claim token: a row claimed in the database under another token (a worker that took it
     * over when this one's lease ran out) stays that worker's. With claims in this JVM rows stay pending.
     */
    private void change(DeliveryStatus status, String set, long issueId, long subscriberId, String token, Object... setValues) {
        // plain JDBC like the sent marks: a worker makes these changes per message, the ORM's transaction costs more
        List<Object> params = new ArrayList<>(Arrays.asList(setValues));
        params.addAll(Arrays.asList(issueId, subscriberId, token));
        jdbc.execute("update delivery set status = " + status.sql() + ", " + set + " where issue_id = ? and subscriber_id = ? and "
                + status.mayBecomeSql() + " and (status <> 'CLAIMED' or claimed_by = ?)", params.toArray());
    }

    private static String cut(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
