package dev.roundup.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.roundup.RoundupConfig;
import dev.roundup.Conflict;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Online backups of the embedded H2 database into {@code <data>/backups}: on demand and nightly, keeping the last
 * {@code roundup.backup.keep}. H2's {@code BACKUP TO} copies a consistent state while the app runs, a send included.
 * On PostgreSQL the database is the operator's to dump ({@code pg_dump}, docs/operations.md): Roundup says so rather
 * than pretend.
 */
@ApplicationScoped
public class Backups {

    private static final Logger LOG = Logger.getLogger(Backups.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RoundupConfig config;

    @Inject
    BackupConfig backupConfig;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String appVersion;

    /** One backup file as listed. */
    public record Backup(String file, long bytes, Instant createdAt) {
    }

    /** H2's answer to {@code BACKUP TO} on an in-memory database. */
    private static final int DATABASE_IS_NOT_PERSISTENT = 90126;

    /** Whether Roundup backs the database up itself (embedded H2), rather than the operator with pg_dump. */
    public boolean embedded() {
        return "h2".equals(dbKind);
    }

    public Path folder() {
        return Path.of(config.dataDir(), "backups");
    }

    /** Makes a backup now and deletes the oldest beyond {@code keep}. */
    public synchronized Backup backUpNow() {
        if (!embedded()) {
            throw new Conflict("Roundup runs on PostgreSQL: back up with pg_dump (see \"Backups and restore\" in docs/operations.md).");
        }
        Instant now = Instant.now();
        Path folder = folder();
        Path target = folder.resolve(BackupArchive.fileName(now));
        Path h2File = Path.of(config.dataDir(), ".backup-in-progress.zip");
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(h2File);
            String secret = config.secretKey().isPresent() ? "ROUNDUP_SECRET_KEY" : "database";
            String schema;
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                schema = schemaVersion(st);
                st.execute("BACKUP TO '" + h2File.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            BackupArchive.write(target, h2File, new BackupArchive.Manifest(appVersion, schema, now, secret));
            ownersOnly(folder, "rwx------");
            ownersOnly(target, "rw-------"); // every subscriber's address is in it
            LOG.infof("Backed up the database to %s", target.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the backup " + target.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            if (e.getErrorCode() == DATABASE_IS_NOT_PERSISTENT) {
                throw new Conflict("The database is in memory (a jdbc:h2:mem: URL): there is nothing on disk to back up.");
            }
            throw new IllegalStateException("The database refused the backup: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(h2File);
            } catch (IOException ignored) {
                // the next backup deletes it
            }
        }
        prune();
        return describe(target);
    }

    /** The backups in the folder, newest first. */
    public List<Backup> list() {
        Path folder = folder();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> BackupArchive.NAMED.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).map(this::describe).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Scheduled(cron = "{roundup.backup.cron}", identity = "nightly-backup", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        if (embedded()) {
            backUpNow();
        }
    }

    private void prune() {
        List<Backup> all = list();
        for (Backup old : all.subList(Math.min(all.size(), Math.max(1, backupConfig.keep())), all.size())) {
            try {
                Files.deleteIfExists(folder().resolve(old.file()));
            } catch (IOException e) {
                LOG.warnf("Could not delete the old backup %s: %s", old.file(), e.getMessage());
            }
        }
    }

    private Backup describe(Path file) {
        try {
            return new Backup(file.getFileName().toString(), Files.size(file), Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ownersOnly(Path path, String mode) throws IOException {
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
        }
    }

    static String schemaVersion(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select \"version\" from \"flyway_schema_history\" where \"success\" and \"version\" is not null "
                + "order by \"installed_rank\" desc")) {
            return rs.next() ? rs.getString(1) : "none";
        }
    }
}
