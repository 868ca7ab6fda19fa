package dev.roundup.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * {@code restore FILE}: puts the database of a backup into a data folder, for Roundup to start on. It refuses to
 * replace a database already there unless told {@code --force}, and then keeps the old one beside it; it refuses a
 * database Roundup has open, and a backup of a newer schema than this Roundup's. The backup is unpacked and opened
 * beside the folder's database first: a damaged backup or a full disk leaves the database that was there as it was.
 * The send journal of the replaced database is set aside too: its marks name deliveries of that database, not of
 * the restored one. A send that was running when the backup was made goes on when Roundup starts: readers the backup
 * has as not yet sent get the issue (those sent after the backup was made get it once more), nobody is left out.
 */
final class Restore {

    /** Where a backup is unpacked and opened before it replaces anything: in the data folder, so the move is a rename. */
    static final String STAGING = ".restore-in-progress";
    private static final int WRONG_USER_OR_PASSWORD = 28000;

    private final Path folder;
    private final PrintStream out;

    Restore(Path folder, PrintStream out) {
        this.folder = folder;
        this.out = out;
    }

    void restore(Path backup, boolean force) throws IOException, Commands.Refused {
        if (!Files.isRegularFile(backup)) {
            throw new Commands.Refused("No backup file " + backup.toAbsolutePath());
        }
        BackupArchive.Manifest manifest;
        try {
            manifest = BackupArchive.manifest(backup);
        } catch (IOException notOne) {
            throw new Commands.Refused(notOne.getMessage());
        }
        refuseNewerSchema(backup, manifest);
        EmbeddedDatabase db = EmbeddedDatabase.in(folder);
        if (db.exists()) {
            if (!force) {
                throw new Commands.Refused("There is a database in " + folder + " already (" + EmbeddedDatabase.FILE
                        + "): restore into an empty folder, or stop Roundup and add --force to replace it (the old one is kept beside it).");
            }
            refuseInUse(db);
        }
        createOwnersOnly(folder);
        Path staging = folder.resolve(STAGING);
        String stamp = BackupArchive.fileName(Instant.now()).replace(".zip", "");
        try {
            Path staged = unpackAndOpen(backup, staging, db.exists());
            putInPlace(staged, db, stamp);
        } finally {
            deleteTree(staging);
        }
        Path journal = folder.resolve("send-journal");
        if (Files.exists(journal)) {
            Path aside = folder.resolve("send-journal.before-" + stamp);
            Files.move(journal, aside);
            out.println("Set the send journal of the replaced database aside as " + aside);
        }
        out.printf("Restored %s into %s: made %s by Roundup %s, schema version %s.%n", backup.getFileName(), folder,
                manifest.createdAt(), manifest.appVersion(), manifest.schemaVersion());
        out.println("Start Roundup on this folder (ROUNDUP_DATA_DIR=" + folder + "); it brings the schema up to date.");
        if ("ROUNDUP_SECRET_KEY".equals(manifest.secret())) {
            out.println("The master secret was set with ROUNDUP_SECRET_KEY: set the same value, or links in mail already sent stop working.");
        } else {
            out.println("The master secret came back with the database: links in mail already sent keep working.");
        }
    }

    /** A backup of a schema newer than this build's migrations would not start: Flyway refuses a database ahead of it. */
    private static void refuseNewerSchema(Path backup, BackupArchive.Manifest manifest) throws Commands.Refused {
        MigrationVersion theirs;
        try {
            theirs = MigrationVersion.fromVersion(manifest.schemaVersion());
        } catch (RuntimeException noVersion) { // "none" or missing: an empty schema, never newer
            return;
        }
        MigrationVersion ours = newestMigration();
        if (theirs.compareTo(ours) > 0) {
            throw new Commands.Refused(backup + " holds schema version " + theirs + ", newer than this Roundup's (" + ours
                    + "): restore it with Roundup " + manifest.appVersion() + " or later. Nothing was changed.");
        }
    }

    /** The newest migration this build has, as Flyway finds them (on an empty database in memory, all of them are pending). */
    static MigrationVersion newestMigration() {
        MigrationInfo[] all = Flyway.configure(Restore.class.getClassLoader()).dataSource("jdbc:h2:mem:", "sa", "")
                .locations("classpath:db/migration").load().info().all();
        return Arrays.stream(all).map(MigrationInfo::getVersion).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(MigrationVersion.EMPTY);
    }

    /** H2 holds a lock on its file while it has the database open: a database Roundup runs on is not to be moved. */
    private void refuseInUse(EmbeddedDatabase db) throws IOException, Commands.Refused {
        try (FileChannel file = FileChannel.open(db.file(), StandardOpenOption.WRITE)) {
            FileLock lock = file.tryLock();
            if (lock != null) {
                lock.release();
                return;
            }
        } catch (OverlappingFileLockException openInThisProcess) {
            // as in use as by another process
        }
        throw new Commands.Refused("Roundup is running on " + folder + " (" + EmbeddedDatabase.FILE
                + " is in use): stop it first. Nothing was changed.");
    }

    /** Unpacks the backup's database into {@code staging} and opens it read-only; a backup that fails either is refused. */
    private static Path unpackAndOpen(Path backup, Path staging, boolean replacing) throws IOException, Commands.Refused {
        deleteTree(staging); // left by a restore that was cut off
        Files.createDirectory(staging);
        ownersOnly(staging, "rwx------");
        Path staged = staging.resolve(EmbeddedDatabase.FILE);
        try {
            BackupArchive.extractDatabase(backup, staged);
            ownersOnly(staged, "rw-------");
            open(EmbeddedDatabase.in(staging));
            return staged;
        } catch (IOException broken) {
            throw notRestored(broken.getMessage(), replacing);
        } catch (SQLException broken) {
            throw notRestored("the database in " + backup + " does not open (" + broken.getMessage() + ")", replacing);
        }
    }

    private static Commands.Refused notRestored(String why, boolean replacing) {
        return new Commands.Refused("Could not restore: " + why + ". Nothing was changed"
                + (replacing ? ": the database that was there is as it was." : "."));
    }

    /** Opens the unpacked database read-only and reads its schema version: H2 checks its file as it opens it. */
    private static void open(EmbeddedDatabase staged) throws SQLException {
        try (Connection c = DriverManager.getConnection(staged.url() + ";ACCESS_MODE_DATA=r", staged.user(), staged.password());
                Statement st = c.createStatement()) {
            Backups.schemaVersion(st);
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) { // H2 opened the file before it checked the account
                throw e;
            }
        }
    }

    /** Swaps the checked database in: the old one is renamed aside, then the new one renamed into place (back on failure). */
    private void putInPlace(Path staged, EmbeddedDatabase db, String stamp) throws IOException {
        Path kept = null;
        if (db.exists()) {
            kept = folder.resolve(EmbeddedDatabase.FILE + ".before-" + stamp);
            Files.move(db.file(), kept, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staged, db.file(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            if (kept != null) {
                Files.move(kept, db.file(), StandardCopyOption.ATOMIC_MOVE);
            }
            throw failed;
        }
        if (kept != null) {
            out.println("Kept the database that was there as " + kept);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void createOwnersOnly(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            ownersOnly(folder, "rwx------");
        }
    }

    private static void ownersOnly(Path path, String mode) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
    }
}
