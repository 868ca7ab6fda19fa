package dev.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import dev.roundup.testing.PackagedApp;

/**
 * The packaged app keeps its data to its owner: a fresh data folder is created {@code 700} before H2 writes into it,
 * an older, looser one is tightened on start; and it will not start with a secret key too short to be safe.
 */
class HardenedStartIT {

    @Test
    @DisabledIfEnvironmentVariable(named = "ROUNDUP_DB_KIND", matches = "postgresql", disabledReason = "about the embedded H2 files")
    void theDataFolderIsTheOwnersOnly() throws Exception {
        Path home = Files.createTempDirectory("roundup-hardened");
        Path data = home.resolve("data");
        try (PackagedApp app = new PackagedApp(home).env("ROUNDUP_DATA_DIR", data.toString()).start()) {
            assertEquals("rwx------", mode(data));
            assertEquals("rw-------", mode(data.resolve("roundup.mv.db")));
            String log = app.log();
            int created = log.indexOf("Created the data folder");
            assertTrue(created >= 0, log);
            int migrated = log.indexOf("Flyway");
            assertTrue(migrated < 0 || created < migrated, "the folder exists before Flyway opens the database:\n" + log);
            app.stop();

            // an install from before: open to everyone
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(data.resolve("roundup.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
            Path outbox = Files.createDirectories(data.resolve("outbox"));
            Files.setPosixFilePermissions(outbox, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path mail = Files.writeString(outbox.resolve("old.eml"), "Subject: old\r\n\r\nold\r\n");
            Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rw-r--r--"));

            app.start();
            assertEquals("rwx------", mode(data));
            assertEquals("rw-------", mode(data.resolve("roundup.mv.db")));
            assertEquals("rwx------", mode(outbox));
            assertEquals("rw-------", mode(mail));
        }
    }

    @Test
    void aShortSecretKeyIsRefusedAtStart() throws Exception {
        Path home = Files.createTempDirectory("roundup-short-key");
        try (PackagedApp app = new PackagedApp(home).env("ROUNDUP_SECRET_KEY", "only-twenty-bytes-ok")) {
            IllegalStateException exited = assertThrows(IllegalStateException.class, app::start);
            assertTrue(exited.getMessage().matches("(?s)Roundup exited with [1-9].*"), exited.getMessage());
            assertTrue(exited.getMessage().contains("ROUNDUP_SECRET_KEY (roundup.secret-key) is 20 bytes long; it must be at least 32 bytes"),
                    exited.getMessage());
        }
    }

    private static String mode(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
