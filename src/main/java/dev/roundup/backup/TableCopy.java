package dev.roundup.backup;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Copies every table of the embedded database into PostgreSQL, whose schema Flyway has just made: the rows its
 * migrations seeded out first, then parents before children, ids as they are, in one transaction (a failure leaves no half-copied table behind), then each sequence
 * set to go on where the embedded one would have, and each identity column after its largest value.
 */
final class TableCopy {

    private static final int BATCH = 500;

    private final Connection from;
    private final Connection to;
    private final PrintStream out;

    TableCopy(Connection from, Connection to, PrintStream out) {
        this.from = from;
        this.to = to;
        this.out = out;
    }

    void all() throws SQLException {
        Schema source = Schema.of(from);
        Schema target = Schema.of(to);
        Map<String, String> targetTables = target.tables().stream().collect(Collectors.toMap(t -> t.toLowerCase(Locale.ROOT), t -> t));
        List<String> tables = source.tables();
        for (String table : tables) {
            if (!targetTables.containsKey(table.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("the table " + table + " of the embedded database is not in the new schema");
            }
        }
        List<String> order = target.parentsFirst(tables.stream().map(t -> targetTables.get(t.toLowerCase(Locale.ROOT))).toList());
        to.setAutoCommit(false);
        try {
            // the database was empty before Flyway: rows in it now are what migrations seeded, and the embedded
            // database has its own (perhaps changed since) copy of them
            for (int i = order.size() - 1; i >= 0; i--) {
                run("delete from " + quoted(order.get(i)));
            }
            for (String table : order) {
                String sourceTable = tables.stream().filter(t -> t.equalsIgnoreCase(table)).findFirst().orElseThrow();
                long rows = copy(source.columns(sourceTable), sourceTable, target.columns(table), table);
                out.printf("  %-28s %,d rows%n", table, rows);
            }
            Map<String, Long> sequences = source.sequencesNext();
            for (String sequence : target.sequences()) {
                Long next = sequences.get(sequence);
                if (next != null) {
                    run("select setval(" + literal(quoted(sequence)) + ", " + next + ", false)");
                }
            }
            to.commit();
        } catch (SQLException | RuntimeException e) {
            to.rollback();
            throw e;
        }
    }

    private long copy(List<Schema.Column> sourceColumns, String sourceTable, List<Schema.Column> targetColumns, String table) throws SQLException {
        List<Schema.Column> columns = targetColumns.stream().filter(c -> sourceColumns.stream().anyMatch(s -> s.name().equalsIgnoreCase(c.name()))).toList();
        String select = columns.stream().map(c -> quoted(sourceColumns.stream().filter(s -> s.name().equalsIgnoreCase(c.name())).findFirst().orElseThrow().name()))
                .collect(Collectors.joining(", ", "select ", " from " + quoted(sourceTable)));
        boolean identity = columns.stream().anyMatch(Schema.Column::generated);
        String insert = "insert into " + quoted(table) + columns.stream().map(c -> quoted(c.name())).collect(Collectors.joining(", ", " (", ")"))
                + (identity ? " overriding system value" : "") + columns.stream().map(c -> "?").collect(Collectors.joining(", ", " values (", ")"));
        long rows = 0;
        try (Statement read = from.createStatement(); ResultSet rs = read.executeQuery(select); PreparedStatement write = to.prepareStatement(insert)) {
            while (rs.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    write.setObject(i + 1, value(rs, i + 1, columns.get(i).type()));
                }
                write.addBatch();
                if (++rows % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        for (Schema.Column c : columns) {
            if (c.generated()) {
                run("select setval(pg_get_serial_sequence(" + literal(quoted(table)) + ", " + literal(c.name()) + "), coalesce((select max("
                        + quoted(c.name()) + ") from " + quoted(table) + "), 0) + 1, false)");
            }
        }
        return rows;
    }

    /** A value read the way the target column takes it: times with their zone, text as text (an H2 CLOB too). */
    private static Object value(ResultSet rs, int i, String type) throws SQLException {
        return switch (type) {
            case "text", "character varying", "character" -> rs.getString(i);
            case "bytea" -> rs.getBytes(i);
            case "timestamp with time zone" -> rs.getObject(i, OffsetDateTime.class);
            case "timestamp without time zone" -> rs.getObject(i, LocalDateTime.class);
            case "date" -> rs.getObject(i, LocalDate.class);
            default -> rs.getObject(i);
        };
    }

    private void run(String sql) throws SQLException {
        try (Statement st = to.createStatement()) {
            st.execute(sql);
        }
    }

    /** A name in double quotes: names here come from the catalogue, never from a user. */
    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
