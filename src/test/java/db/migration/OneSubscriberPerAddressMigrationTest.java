package db.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.roundup.UniqueKey;
import dev.roundup.testing.TestDatabases;

/**
 * V9 on a database that has case variants "the old way": a database at the V8 schema, rows inserted by SQL as the old
 * code stored them, then migrated. Runs on H2, and on PostgreSQL when ROUNDUP_DB_KIND=postgresql (as in CI).
 */
class OneSubscriberPerAddressMigrationTest {

    static final String USER = System.getenv().getOrDefault("ROUNDUP_DB_USER", "postgresql".equals(System.getenv("ROUNDUP_DB_KIND")) ? "postgres" : "sa");
    static final String PASSWORD = System.getenv().getOrDefault("ROUNDUP_DB_PASSWORD", "");

    @Test
    void caseVariantsBecomeOneSubscriberAndKeepAllTheirHistory() throws Exception {
        String url = TestDatabases.fresh("merge_v9");
        Flyway.configure().dataSource(url, USER, PASSWORD).locations("classpath:db/migration").target("8").load().migrate();
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement st = c.createStatement()) {
            for (int i = 1; i <= 3; i++) {
                st.execute("insert into newsletter_issue (id, number, title, subject, window_from, window_to, status, created_at, updated_at, version) "
                        + "values (" + i + ", " + i + ", 'Issue " + i + "', 'Issue " + i + "', date '2024-0" + i + "-01', date '2024-0" + i + "-07', "
                        + "'SENT', timestamp '2024-01-01 00:00:00', timestamp '2024-01-01 00:00:00', 0)");
            }
            subscriber(st, 1, "Lena.Schmidt@example.de", "CONFIRMED", 0, "2024-01-05 10:00:00", "10.0.0.1", "form", null);
            subscriber(st, 2, "lena.schmidt@example.de", "UNSUBSCRIBED", 2, "2024-01-01 09:00:00", "10.0.0.2", "import", "2024-03-01 12:00:00");
            subscriber(st, 3, "LENA.SCHMIDT@example.de", "PENDING", 0, "2024-02-01 08:00:00", null, "form", null);
            subscriber(st, 4, "solo@example.org", "CONFIRMED", 0, "2024-01-02 08:00:00", null, "form", null);
            subscriber(st, 5, "anna@xn--mnchen-3ya.de", "CONFIRMED", 0, "2024-01-02 08:00:00", null, "form", null);
            subscriber(st, 6, "Anna@münchen.de", "SUPPRESSED", 0, "2024-01-03 08:00:00", null, "editor", null);
            for (int id = 1; id <= 6; id++) {
                st.execute("insert into subscriber_event (id, subscriber_id, at, kind, detail) values (" + (100 + id) + ", " + id
                        + ", timestamp '2024-01-01 00:00:00', 'signed-up', null)");
            }
            // issue 1: both spellings got a row, one sent; issue 2: only the second and third; issue 3: only the third
            delivery(st, 1, 1, "SENT");
            delivery(st, 1, 2, "PENDING");
            delivery(st, 2, 2, "SENT");
            delivery(st, 2, 3, "FAILED");
            delivery(st, 3, 3, "PENDING");
            st.execute("insert into issue_send (issue_id, state, total, started_at) values (1, 'DONE', 3, timestamp '2024-01-08 00:00:00')");
            bounce(st, 201, 1, "<same-report@mx>");
            bounce(st, 202, 2, "<same-report@mx>");
            bounce(st, 203, 2, "<other-report@mx>");
        }

        Flyway.configure().dataSource(url, USER, PASSWORD).locations("classpath:db/migration").load().migrate();

        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement st = c.createStatement()) {
            assertEquals(List.of("1|Lena.Schmidt@example.de|lena.schmidt@example.de|UNSUBSCRIBED|2|import|10.0.0.2|pub1",
                    "4|solo@example.org|solo@example.org|CONFIRMED|0|form|null|pub4",
                    "5|anna@xn--mnchen-3ya.de|anna@münchen.de|SUPPRESSED|0|form|null|pub5"),
                    rows(st, "select id, email, email_key, status, token_version, consent_source, consent_ip, public_id from subscriber order by id"),
                    "the oldest row stays, with the most restrictive standing and the earliest consent");
            try (ResultSet rs = st.executeQuery("select consent_at, unsubscribed_at from subscriber where id = 1")) {
                rs.next();
                assertEquals(java.sql.Timestamp.valueOf("2024-01-01 09:00:00").toInstant(), rs.getTimestamp(1).toInstant());
                assertTrue(rs.getTimestamp(2) != null, "left at 2024-03-01 under another spelling");
            }
            assertEquals(List.of("1|1|SENT", "1|2|SENT", "1|3|PENDING"),
                    rows(st, "select subscriber_id, issue_id, status from delivery order by subscriber_id, issue_id"),
                    "every issue once, the more advanced row kept");
            assertEquals(List.of("2"), rows(st, "select total from issue_send where issue_id = 1"), "one recipient fewer");
            assertEquals(List.of("1|<other-report@mx>", "1|<same-report@mx>"),
                    rows(st, "select subscriber_id, report_id from bounce order by report_id"), "one report about both is one bounce");
            assertEquals(List.of("1|3", "4|1", "5|2"), rows(st, "select subscriber_id, count(*) from subscriber_event group by subscriber_id order by subscriber_id"));
            assertEquals(List.of("pub2|1|2", "pub3|1|0", "pub6|5|0"),
                    rows(st, "select public_id, subscriber_id, token_version from subscriber_alias order by public_id"),
                    "the merged spellings' unsubscribe links lead to the one subscriber");

            SQLException twin = assertThrows(SQLException.class, () -> subscriber(st, 7, "LENA.schmidt@example.de", "PENDING", 0,
                    "2024-05-01 00:00:00", null, "form", null, "lena.schmidt@example.de"));
            assertTrue(UniqueKey.violated(twin), "the key is unique from now on: " + twin);
        }
    }

    /** Before V9 the old code stored the address with only its domain lower-cased: no key column yet. */
    static void subscriber(Statement st, long id, String email, String status, int tokenVersion, String consentAt, String ip, String source,
            String unsubscribedAt) throws SQLException {
        st.execute("insert into subscriber (id, public_id, email, name, status, token_version, consent_at, consent_ip, consent_source, "
                + "unsubscribed_at, soft_bounces, created_at, updated_at, version) values (" + id + ", 'pub" + id + "', '" + email + "', null, '"
                + status + "', " + tokenVersion + ", timestamp '" + consentAt + "', " + (ip == null ? "null" : "'" + ip + "'") + ", '" + source
                + "', " + (unsubscribedAt == null ? "null" : "timestamp '" + unsubscribedAt + "'") + ", 0, timestamp '2024-01-0" + id
                + " 00:00:00', timestamp '2024-01-01 00:00:00', 0)");
    }

    static void subscriber(Statement st, long id, String email, String status, int tokenVersion, String consentAt, String ip, String source,
            String unsubscribedAt, String key) throws SQLException {
        st.execute("insert into subscriber (id, public_id, email, email_key, name, status, token_version, consent_at, consent_ip, consent_source, "
                + "soft_bounces, created_at, updated_at, version) values (" + id + ", 'pub" + id + "', '" + email + "', '" + key + "', null, '"
                + status + "', " + tokenVersion + ", timestamp '" + consentAt + "', null, '" + source
                + "', 0, timestamp '2024-01-01 00:00:00', timestamp '2024-01-01 00:00:00', 0)");
    }

    static void delivery(Statement st, long issue, long subscriber, String status) throws SQLException {
        st.execute("insert into delivery (issue_id, subscriber_id, status, attempts, next_attempt_at) values (" + issue + ", " + subscriber
                + ", '" + status + "', 1, timestamp '2024-01-08 00:00:00')");
    }

    static void bounce(Statement st, long id, long subscriber, String report) throws SQLException {
        st.execute("insert into bounce (id, subscriber_id, issue_id, kind, report_id, received_at) values (" + id + ", " + subscriber
                + ", 1, 'HARD', '" + report + "', timestamp '2024-01-09 00:00:00')");
    }

    static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
