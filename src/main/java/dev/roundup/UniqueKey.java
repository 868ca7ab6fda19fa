package dev.roundup;

import java.sql.SQLException;

/**
 * Recognises a unique key that refused a second row. Two requests that race to create the same thing (a double-clicked
 * sign-up, a submission sent twice) are told apart by the database's unique constraint, not by a check before the
 * insert, which both would pass; the loser's caller then answers as if it had won.
 */
public final class UniqueKey {

    /** SQLSTATE of a unique violation, the same on PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueKey() {
    }

    /** Whether {@code failure}, or anything that caused it, is a unique constraint refusing a row. */
    public static boolean violated(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t instanceof org.hibernate.JDBCException jdbc && UNIQUE_VIOLATION.equals(jdbc.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
