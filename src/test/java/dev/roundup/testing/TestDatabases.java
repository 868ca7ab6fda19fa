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
        String user = System.getenv().getOrDefault("ROUNDUP_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("ROUNDUP_DB_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(url.substring(0, slash + 1) + "postgres", user, password);
                Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name);
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database " + name, e);
        }
        return url.substring(0, slash + 1) + name;
    }
}
