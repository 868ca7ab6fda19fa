package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

/**
 * When a commit is on disk, against real H2 databases made here. A user who is not the database's admin may not run a
 * {@code CHECKPOINT}, so connecting as one shows whether any was run: where none is needed (the default URL, an
 * in-memory database) such a user starts; where one is (a write delay), the start is refused with what to change.
 */
class DurablePointTest {

    @Test
    void theDefaultUrlRunsNoCheckpoints() throws Exception {
        String url = "jdbc:h2:file:" + Files.createTempDirectory("durable-default").resolve("roundup");
        try (Connection opened = DriverManager.getConnection(url + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", "")) {
            // setting it takes the admin, so here the admin opened the database as the default URL says
            DurablePoint durable = durable(url, withReader(url));
            durable.check();
            durable.reach(); // a checkpoint would be refused
        }
    }

    @Test
    void anInMemoryDatabaseRunsNoCheckpoints() throws Exception {
        String url = "jdbc:h2:mem:durable-memory"; // H2 reports its default write delay for it
        try (Connection opened = DriverManager.getConnection(url, "sa", "")) {
            DurablePoint durable = durable(url, withReader(url));
            durable.check();
            durable.reach();
        }
    }

    @Test
    void aUserWhoMayNotCheckpointAFileDatabaseWithAWriteDelayIsRefusedAtStart() throws Exception {
        String url = "jdbc:h2:file:" + Files.createTempDirectory("durable-delay").resolve("roundup");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> durable(url, withReader(url)).check());
        assertTrue(refused.getMessage().contains("Connect as the database's admin"), refused.getMessage());
    }

    @Test
    void aDatabaseThatDoesNotSayItsWriteDelayIsCheckpointedRatherThanRefused() throws Exception {
        // the old information schema has no setting_value column
        String url = "jdbc:h2:file:" + Files.createTempDirectory("durable-old-schema").resolve("roundup") + ";OLD_INFORMATION_SCHEMA=TRUE";
        DurablePoint durable = durable(url, "sa");
        durable.check();
        durable.reach();
    }

    /** Creates a user who is not the admin; returns its name. */
    private static String withReader(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("create user if not exists reader password 'reader'");
        }
        return "reader";
    }

    private static DurablePoint durable(String url, String user) {
        DurablePoint durable = new DurablePoint();
        durable.jdbc = jdbc(url, user, user.equals("sa") ? "" : user);
        return durable;
    }

    /** {@link Jdbc} over a fresh connection to the URL each time, as the pool gives them. */
    static Jdbc jdbc(String url, String user, String password) {
        Jdbc jdbc = new Jdbc();
        jdbc.dataSource = (AgroalDataSource) Proxy.newProxyInstance(DurablePointTest.class.getClassLoader(), new Class<?>[] {AgroalDataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return DriverManager.getConnection(url, user, password);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return jdbc;
    }
}
