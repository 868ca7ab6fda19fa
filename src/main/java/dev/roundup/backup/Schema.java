package dev.roundup.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a database's own catalogue ({@code information_schema}, the same on H2 and PostgreSQL) says about the schema
 * the connection is in: its tables, their columns, which tables each one's foreign keys point to, its sequences.
 * Flyway's own table is left out: each database keeps the history of its own migrations.
 */
record Schema(Connection connection, String name) {

    static final String FLYWAY = "flyway_schema_history";

    /** One column: its name as the database spells it, its type, and whether the database numbers it itself. */
    record Column(String name, String type, boolean generated) {
    }

    static Schema of(Connection c) throws SQLException {
        return new Schema(c, c.getSchema());
    }

    /** The tables, in the database's spelling, without Flyway's. */
    List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        for (List<String> row : rows("select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' "
                + "order by table_name", name)) {
            if (!row.get(0).equalsIgnoreCase(FLYWAY)) {
                tables.add(row.get(0));
            }
        }
        return tables;
    }

    List<Column> columns(String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (List<String> row : rows("select column_name, data_type, is_identity, column_default from information_schema.columns "
                + "where table_schema = ? and table_name = ? order by ordinal_position", name, table)) {
            boolean serial = row.get(3) != null && row.get(3).startsWith("nextval(");
            columns.add(new Column(row.get(0), row.get(1).toLowerCase(Locale.ROOT), "YES".equalsIgnoreCase(row.get(2)) || serial));
        }
        return columns;
    }

    /** The tables in an order in which each comes after every table its foreign keys point to. */
    List<String> parentsFirst(List<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String table : tables) {
            Set<String> p = new LinkedHashSet<>();
            try (ResultSet keys = connection.getMetaData().getImportedKeys(null, name, table)) {
                while (keys.next()) {
                    String parent = keys.getString("PKTABLE_NAME");
                    if (!parent.equals(table)) {
                        p.add(parent);
                    }
                }
            }
            parents.put(table, p);
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < tables.size()) {
            int before = ordered.size();
            for (String table : tables) {
                if (!ordered.contains(table) && ordered.containsAll(parents.get(table))) {
                    ordered.add(table);
                }
            }
            if (ordered.size() == before) {
                throw new IllegalStateException("foreign keys go round in a circle among " + parents);
            }
        }
        return ordered;
    }

    /** The sequences, by lower-case name. */
    List<String> sequences() throws SQLException {
        List<String> names = new ArrayList<>();
        for (List<String> row : rows("select sequence_name from information_schema.sequences where sequence_schema = ?", name)) {
            names.add(row.get(0).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** Each sequence's next value, by lower-case name: H2's {@code base_value}, which PostgreSQL's catalogue lacks. */
    Map<String, Long> sequencesNext() throws SQLException {
        Map<String, Long> next = new LinkedHashMap<>();
        for (List<String> row : rows("select sequence_name, base_value from information_schema.sequences where sequence_schema = ?", name)) {
            next.put(row.get(0).toLowerCase(Locale.ROOT), Long.parseLong(row.get(1)));
        }
        return next;
    }

    private List<List<String>> rows(String sql, String... parameters) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
