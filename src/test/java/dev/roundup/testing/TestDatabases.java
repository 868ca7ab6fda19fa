package dev.roundup.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Databases of their own for tests whose sends go to every confirmed subscriber, while other tests add thousands:
 * an in-memory H2 database, or on PostgreSQL {@code <suite database>_<suffix>}, created anew (.ci/run drops them).
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** The JDBC URL of a fresh, empty database for this test profile. */
    public static String fresh(String suffix) {
        if (!"postgresql".equals(System.getenv("ROUNDUP_DB_KIND"))) {
            return "jdbc:h2:mem:" + suffix + ";DB_CLOSE_DELAY=-1";
        }
        String url = System.getenv("ROUNDUP_DB_URL");
        int slash = url.lastIndexOf('/');
        String name = url.substring(slash + 1).replaceAll("[^A-Za-z0-9_]", "") + "_" + suffix;
        try (Connection c = server(url); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name);
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database " + name, e);
        }
        return url.substring(0, slash + 1) + name;
    }

    /** Creates the PostgreSQL database a JDBC URL names, unless it exists. */
    public static synchronized void ensureExists(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("[?].*", "");
        try (Connection c = server(url);
                java.sql.PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (Statement st = c.createStatement()) {
                    st.execute("create database \"" + name.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database " + name, e);
        }
    }

    /** The server's maintenance database, where databases are created and dropped. */
    private static Connection server(String url) throws SQLException {
        String user = System.getenv().getOrDefault("ROUNDUP_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("ROUNDUP_DB_PASSWORD", "");
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres", user, password);
    }
}
