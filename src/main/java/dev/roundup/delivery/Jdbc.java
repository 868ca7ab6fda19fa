package dev.roundup.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * Plain JDBC on the pool, outside JTA, for the statements a send repeats per batch or per message (claims, marks,
 * status checks): there the ORM and a JTA transaction cost more than the statements themselves.
 */
@ApplicationScoped
class Jdbc {

    @Inject
    AgroalDataSource dataSource;

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs on a connection of its own, committed at the end, rolled back on failure. */
    <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Delivery bookkeeping failed: " + e.getMessage(), e);
        }
    }

    /** One update in a transaction of its own; returns the rows it changed. */
    int execute(String sql, Object... params) {
        return inTransaction(c -> {
            try (PreparedStatement update = prepare(c, sql, List.of(params))) {
                return update.executeUpdate();
            }
        });
    }

    /** The first column of every row, as numbers. */
    static List<Long> longs(Connection c, String sql, Object... params) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (PreparedStatement select = prepare(c, sql, List.of(params)); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
        }
        return values;
    }

    /** The first column of the first row, or null when there is none. */
    String text(String sql, Object... params) {
        return inTransaction(c -> {
            try (PreparedStatement select = prepare(c, sql, List.of(params)); ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        });
    }

    static PreparedStatement prepare(Connection c, String sql, List<Object> params, Object... more) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        int i = 1;
        for (Object p : params) {
            statement.setObject(i++, p);
        }
        for (Object p : more) {
            statement.setObject(i++, p);
        }
        return statement;
    }

    /** A timestamp as the drivers take it for a {@code timestamp with time zone}. */
    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
