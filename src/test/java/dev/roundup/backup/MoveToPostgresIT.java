package dev.roundup.backup;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import dev.roundup.testing.JarCommand;
import dev.roundup.testing.PackagedApp;
import dev.roundup.testing.TestDatabases;

/**
 * A growing newsletter moves to PostgreSQL, then backs it up: {@code migrate-to} copies an embedded database (the
 * previous release's data folder, so it is brought up to date on the way) into an empty PostgreSQL database, Roundup
 * starts on it with the same readers, archive and unsubscribe links, and adds a reader (the sequences go on); then
 * the pg_dump/pg_restore recipe of docs/operations.md copies that database, and Roundup starts on the copy.
 * It needs the app built for PostgreSQL (the database kind is fixed when building), so it runs in CI's PostgreSQL pass.
 */
@EnabledIfEnvironmentVariable(named = "ROUNDUP_DB_KIND", matches = "postgresql", disabledReason = "the app is built for H2: CI's PostgreSQL pass runs this")
class MoveToPostgresIT {

    @Test
    void anEmbeddedDatabaseMovesToPostgresqlAndItsDumpRestores() throws Exception {
        UpgradeFixture old = UpgradeFixture.unpack();
        String moved = TestDatabases.fresh("bkmove");
        String user = System.getenv().getOrDefault("ROUNDUP_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("ROUNDUP_DB_PASSWORD", "");

        JarCommand migrate = JarCommand.run("migrate-to", moved, "--user", user, "--password", password, "--data", old.folder.toString());
        assertEquals(0, migrate.exitCode(), migrate.output());
        assertTrue(migrate.output().contains("subscriber "), migrate.output());
        JarCommand again = JarCommand.run("migrate-to", moved, "--user", user, "--password", password, "--data", old.folder.toString());
        assertEquals(1, again.exitCode(), again.output());
        assertTrue(again.output().contains("is not empty"), again.output());

        long added;
        try (PackagedApp app = old.app(Files.createTempDirectory("roundup-moved")).env("ROUNDUP_DB_URL", moved).start()) {
            old.assertAllThere(app);
            old.assertOldLinksWork(app);
            added = old.admin().body("{\"email\":\"after.move@upgrade.example.org\",\"confirmed\":true}").post(app.url("/api/subscribers"))
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            List<Integer> ids = old.admin().get(app.url("/api/subscribers?size=500")).then().extract().jsonPath().getList("subscribers.id");
            assertEquals(1, ids.stream().filter(id -> id == added).count(), "a new id, no one else's: " + ids);
        }

        // docs/operations.md, "Backups and restore" on PostgreSQL
        String copy = TestDatabases.fresh("bkdump");
        Path dump = Files.createTempDirectory("roundup-dump").resolve("roundup.dump");
        run(List.of("pg_dump", "--format=custom", "--no-owner", "--file=" + dump, libpq(moved)), password);
        run(List.of("pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + libpq(copy), dump.toString()), password);

        try (PackagedApp app = old.app(Files.createTempDirectory("roundup-restored")).env("ROUNDUP_DB_URL", copy).start()) {
            old.admin().get(app.url("/api/subscribers/" + added)).then().statusCode(200).body("email", equalTo("after.move@upgrade.example.org"));
            old.admin().get(app.url("/api/subscribers?q=reader1@upgrade.example.org")).then().body("subscribers[0].status", equalTo("unsubscribed"));
            io.restassured.RestAssured.given().get(app.url(old.made.getProperty("reader2-unsubscribe"))).then().statusCode(200);
            old.admin().body("{\"email\":\"after.restore@upgrade.example.org\",\"confirmed\":true}").post(app.url("/api/subscribers"))
                    .then().statusCode(201);
        }
    }

    /** jdbc:postgresql://host:port/db as the libpq URL pg_dump takes, with the test's user. */
    private static String libpq(String jdbc) {
        return jdbc.replaceFirst("^jdbc:postgresql://", "postgresql://" + System.getenv().getOrDefault("ROUNDUP_DB_USER", "postgres") + "@");
    }

    private static void run(List<String> command, String password) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + out);
    }
}
