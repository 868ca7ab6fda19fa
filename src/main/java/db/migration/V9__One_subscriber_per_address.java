package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import dev.roundup.EmailAddress;

/**
 * One person is one subscriber: gives every subscriber the key of their address ({@link EmailAddress#key()}) and
 * merges the case variants that existed before (Lena.Schmidt@ and lena.schmidt@ were two readers). Written in Java,
 * not SQL, because the key is Unicode-aware (IDN domains, NFC), which neither H2's nor PostgreSQL's {@code lower()}
 * does the same way, and it must be the very key the application computes. Runs on H2 and PostgreSQL.
 *
 * <p>A merge keeps the oldest row (its id, public id and spelling), the earliest consent record, and the most
 * restrictive standing (suppressed, bounced, unsubscribed, confirmed, pending, in that order). Every event, delivery and
 * bounce of the others moves to it; where both had a delivery row for one issue (the primary key allows one), the more
 * advanced row stays; a report that bounced both is one bounce. The others' public ids become aliases, so the
 * unsubscribe links in mails already sent to them still work. Also adds the submission keys of projects and jobs.
 */
public class V9__One_subscriber_per_address extends BaseJavaMigration {

    private static final List<String> STANDING = List.of("PENDING", "CONFIRMED", "UNSUBSCRIBED", "BOUNCED", "SUPPRESSED");
    private static final List<String> PROGRESS = List.of("PENDING", "CLAIMED", "SKIPPED", "FAILED", "SENT");

    private record Row(long id, String email, String name, String status, int tokenVersion, Timestamp consentAt,
            String consentIp, String consentSource, Timestamp confirmedAt, Timestamp unsubscribedAt, int softBounces,
            Timestamp createdAt) {
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        execute(c, "alter table subscriber add column email_key varchar(320)");
        execute(c, """
                create table subscriber_alias (
                    public_id     varchar(32) not null primary key,
                    subscriber_id bigint      not null references subscriber (id) on delete cascade,
                    token_version integer     not null
                )""");
        execute(c, "create index subscriber_alias_subscriber_ix on subscriber_alias (subscriber_id)");

        // first pass, by id and email only, so a list of 100,000 readers fits a small heap: every row gets its key,
        // and the keys that more than one row share are noted; only those groups are read whole and merged
        Set<String> seen = new HashSet<>();
        Set<String> shared = new LinkedHashSet<>();
        try (Statement st = c.createStatement(); PreparedStatement setKey = c.prepareStatement("update subscriber set email_key = ? where id = ?")) {
            st.setFetchSize(1000); // PostgreSQL streams instead of buffering the whole result
            int pending = 0;
            try (ResultSet rs = st.executeQuery("select id, email from subscriber order by id")) {
                while (rs.next()) {
                    String key = key(rs.getString(2));
                    if (!seen.add(key)) {
                        shared.add(key);
                    }
                    setKey.setString(1, key);
                    setKey.setLong(2, rs.getLong(1));
                    setKey.addBatch();
                    if (++pending == 1000) {
                        setKey.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                setKey.executeBatch();
            }
        }
        execute(c, "create index subscriber_email_key_ix on subscriber (email_key)"); // each group is read by its key
        for (String key : shared) {
            merge(c, rowsWithKey(c, key));
        }
        execute(c, "drop index subscriber_email_key_ix");

        execute(c, "alter table subscriber alter column email_key set not null");
        execute(c, "drop index subscriber_email_uk");
        execute(c, "create unique index subscriber_email_key_uk on subscriber (email_key)");

        // a form sent twice is one listing: see dev.roundup.listings.SubmissionKey
        execute(c, "alter table project add column submission_key varchar(64)");
        execute(c, "create unique index project_submission_uk on project (submission_key)");
        execute(c, "alter table job add column submission_key varchar(64)");
        execute(c, "create unique index job_submission_uk on job (submission_key)");
    }

    private static List<Row> rowsWithKey(Connection c, String key) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select id, email, name, status, token_version, consent_at, consent_ip, "
                + "consent_source, confirmed_at, unsubscribed_at, soft_bounces, created_at from subscriber where email_key = ? order by id")) {
            q.setString(1, key);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getTimestamp(6),
                            rs.getString(7), rs.getString(8), rs.getTimestamp(9), rs.getTimestamp(10), rs.getInt(11), rs.getTimestamp(12)));
                }
            }
        }
        return rows;
    }

    /** The key, or for a row stored before the rules were strict, its address trimmed and lower-cased. */
    static String key(String email) {
        return EmailAddress.keyOf(email).orElse(email.strip().toLowerCase(Locale.ROOT));
    }

    private static void merge(Connection c, List<Row> rows) throws SQLException {
        Row keep = rows.get(0); // lowest id: the oldest row
        Row consent = rows.stream().filter(r -> r.consentAt() != null).min(Comparator.comparing(Row::consentAt)).orElse(keep);
        String status = rows.stream().map(Row::status).max(Comparator.comparingInt(STANDING::indexOf)).orElseThrow();
        try (PreparedStatement up = c.prepareStatement("update subscriber set name = ?, status = ?, token_version = ?, consent_at = ?, "
                + "consent_ip = ?, consent_source = ?, confirmed_at = ?, unsubscribed_at = ?, soft_bounces = ?, created_at = ?, "
                + "updated_at = ?, version = version + 1 where id = ?")) {
            up.setString(1, rows.stream().map(Row::name).filter(Objects::nonNull).findFirst().orElse(null));
            up.setString(2, status);
            up.setInt(3, rows.stream().mapToInt(Row::tokenVersion).max().orElse(0));
            up.setTimestamp(4, consent.consentAt());
            up.setString(5, consent.consentIp());
            up.setString(6, consent.consentSource());
            up.setTimestamp(7, rows.stream().map(Row::confirmedAt).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null));
            // the latest departure: a confirm link older than it is no new consent
            up.setTimestamp(8, rows.stream().map(Row::unsubscribedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
            up.setInt(9, rows.stream().mapToInt(Row::softBounces).max().orElse(0));
            up.setTimestamp(10, rows.stream().map(Row::createdAt).min(Comparator.naturalOrder()).orElse(keep.createdAt()));
            up.setTimestamp(11, Timestamp.from(Instant.now()));
            up.setLong(12, keep.id());
            up.executeUpdate();
        }
        if (!status.equals("PENDING")) {
            // a queued confirmation mail of a pending spelling must not go to a reader who left under another
            update(c, "update subscriber set confirmation_requested_at = null where id = ?", keep.id());
        }
        for (Row other : rows.subList(1, rows.size())) {
            moveDeliveries(c, other.id(), keep.id());
            update(c, "delete from bounce where subscriber_id = ? and report_id in (select b.report_id from bounce b where b.subscriber_id = ?)",
                    other.id(), keep.id());
            update(c, "update bounce set subscriber_id = ? where subscriber_id = ?", keep.id(), other.id());
            update(c, "update subscriber_event set subscriber_id = ? where subscriber_id = ?", keep.id(), other.id());
            try (PreparedStatement alias = c.prepareStatement("insert into subscriber_alias (public_id, subscriber_id, token_version) "
                    + "select public_id, ?, token_version from subscriber where id = ?")) {
                alias.setLong(1, keep.id());
                alias.setLong(2, other.id());
                alias.executeUpdate();
            }
            update(c, "delete from subscriber where id = ?", other.id());
        }
    }

    /** Moves one subscriber's delivery rows to another; for an issue both have, the more advanced row stays. */
    private static void moveDeliveries(Connection c, long from, long to) throws SQLException {
        Map<Long, String> theirs = statuses(c, from);
        Map<Long, String> ours = statuses(c, to);
        for (Map.Entry<Long, String> d : theirs.entrySet()) {
            long issue = d.getKey();
            String mine = ours.get(issue);
            if (mine == null) {
                continue;
            }
            long loser = PROGRESS.indexOf(d.getValue()) > PROGRESS.indexOf(mine) ? to : from;
            update(c, "delete from delivery where issue_id = ? and subscriber_id = ?", issue, loser);
            // the send counted both rows; it now has one fewer recipient
            update(c, "update issue_send set total = total - 1 where issue_id = ? and total > 0", issue);
        }
        update(c, "update delivery set subscriber_id = ? where subscriber_id = ?", to, from);
    }

    private static Map<Long, String> statuses(Connection c, long subscriber) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement("select issue_id, status from delivery where subscriber_id = ?")) {
            q.setLong(1, subscriber);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void update(Connection c, String sql, long... params) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setLong(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }
}
