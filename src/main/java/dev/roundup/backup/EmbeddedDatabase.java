package dev.roundup.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The embedded H2 database of a data folder, as the commands open it (the app's default URL and account). */
record EmbeddedDatabase(Path folder) {

    static final String FILE = "roundup.mv.db";

    static EmbeddedDatabase in(Path folder) {
        return new EmbeddedDatabase(folder);
    }

    Path file() {
        return folder.resolve(FILE);
    }

    boolean exists() {
        return Files.exists(file());
    }

    String url() {
        return "jdbc:h2:file:" + folder.resolve("roundup") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;IFEXISTS=TRUE";
    }

    /** The app's account when the app runs on H2; a ROUNDUP_DB_USER set for PostgreSQL is not the embedded one's. */
    String user() {
        return appOnH2() ? System.getenv().getOrDefault("ROUNDUP_DB_USER", "sa") : "sa";
    }

    String password() {
        return appOnH2() ? System.getenv().getOrDefault("ROUNDUP_DB_PASSWORD", "") : "";
    }

    private static boolean appOnH2() {
        return appOnH2(System.getenv());
    }

    /** Whether the app's settings in {@code env} run it on H2: then its ROUNDUP_DB_USER and _PASSWORD are the embedded database's. */
    static boolean appOnH2(java.util.Map<String, String> env) {
        return env.getOrDefault("ROUNDUP_DB_URL", "jdbc:h2:").startsWith("jdbc:h2:");
    }

    Connection open() throws SQLException, Commands.Refused {
        if (!exists()) {
            throw new Commands.Refused("No Roundup database in " + folder + " (no " + FILE + "): say where it is with --data DIR.");
        }
        try {
            return DriverManager.getConnection(url(), user(), password());
        } catch (SQLException e) {
            if (e.getErrorCode() == 90020) { // DATABASE_ALREADY_OPEN
                throw new Commands.Refused("The database in " + folder + " is in use: stop Roundup first.");
            }
            throw e;
        }
    }
}
