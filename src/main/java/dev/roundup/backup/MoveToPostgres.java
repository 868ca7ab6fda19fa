package dev.roundup.backup;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.flywaydb.core.Flyway;

/**
 * {@code migrate-to jdbc:postgresql://…}: the step a growing newsletter takes once. It brings the embedded database
 * up to date, creates the schema in an empty PostgreSQL database with the same migrations, then copies every table
 * (the list read from the schema, so a table added later is copied too) with its ids, and gives each sequence the
 * value it had. The master secret is a row of {@code app_secret}, so it moves with the rest and every link in mail
 * already sent keeps working; a secret set with {@code ROUNDUP_SECRET_KEY} stays the operator's to carry over.
 */
final class MoveToPostgres {

    private final EmbeddedDatabase source;
    private final PrintStream out;

    MoveToPostgres(EmbeddedDatabase source, PrintStream out) {
        this.source = source;
        this.out = out;
    }

    void copyTo(String url, String user, String password) throws SQLException, Commands.Refused {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new Commands.Refused("migrate-to copies into PostgreSQL: give a jdbc:postgresql://HOST:PORT/DATABASE URL, not " + url);
        }
        try (Connection from = source.open(); Connection to = DriverManager.getConnection(url, user, password)) {
            List<String> already = Schema.of(to).tables();
            if (!already.isEmpty()) {
                throw new Commands.Refused("The database " + url + " is not empty (it has " + String.join(", ", already.subList(0, Math.min(5, already.size())))
                        + (already.size() > 5 ? ", …" : "") + "): migrate-to copies only into an empty database. Create a new one (createdb).");
            }
            migrate(source.url(), source.user(), source.password(), "the embedded database");
            migrate(url, user, password, url);
            out.println("Created the schema in " + url);
            TableCopy copy = new TableCopy(from, to, out);
            copy.all();
            out.println("Copied the embedded database of " + source.folder() + " into " + url + ".");
            out.println("The master secret moved with the database (table app_secret) unless you set ROUNDUP_SECRET_KEY: then set the same value.");
            out.println("Now build Roundup for PostgreSQL and start it with ROUNDUP_DB_KIND=postgresql ROUNDUP_DB_URL=" + url
                    + " (docs/operations.md, \"Moving to PostgreSQL\"). Keep " + source.file() + " until you are sure.");
        }
    }

    /** Runs the app's migrations on one database. */
    private void migrate(String url, String user, String password, String what) {
        var result = Flyway.configure(MoveToPostgres.class.getClassLoader())
                .dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        out.println("Schema of " + what + ": version " + (result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion));
    }
}
