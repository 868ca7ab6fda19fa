package dev.roundup.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import dev.roundup.testing.PackagedApp;

/**
 * An operator upgrades: the new Roundup starts on the data folder the previous release wrote, Flyway brings it to the
 * newest migration, and everything in it is there and works, unsubscribe links in mail sent by the old release too.
 */
@DisabledIfEnvironmentVariable(named = "ROUNDUP_DB_KIND", matches = "postgresql", disabledReason = "the release's data folder is an embedded H2 database")
class UpgradeIT {

    @Test
    void theNewReleaseStartsOnTheOldDataFolderWithEverythingInIt() throws Exception {
        UpgradeFixture old = UpgradeFixture.unpack();
        try (PackagedApp app = old.app(old.folder).start()) {
            old.assertAllThere(app);
            old.assertOldLinksWork(app);
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + old.folder.resolve("roundup") + ";IFEXISTS=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery("select max(cast(\"version\" as int)) from \"flyway_schema_history\" where \"success\"")) {
            rs.next();
            assertEquals(newestMigration(), rs.getInt(1), "Flyway ran every migration on the classpath");
        }
    }

    /** The highest V<n>__ migration this build carries, SQL or Java. */
    static int newestMigration() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target/classes/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__[^$]*\\.(sql|class)"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
    }
}
