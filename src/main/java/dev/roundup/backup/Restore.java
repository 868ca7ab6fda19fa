package dev.roundup.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * {@code restore FILE}: puts the database of a backup into a data folder, for Roundup to start on. It refuses to
 * replace a database already there unless told {@code --force}, and then keeps the old one beside it. The send
 * journal of the replaced database is set aside too: its marks name deliveries of that database, not of the
 * restored one. A send that was running when the backup was made goes on when Roundup starts: readers the backup
 * has as not yet sent get the issue (those sent after the backup was made get it once more), nobody is left out.
 */
final class Restore {

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
        EmbeddedDatabase db = EmbeddedDatabase.in(folder);
        String stamp = BackupArchive.fileName(Instant.now()).replace(".zip", "");
        if (db.exists()) {
            if (!force) {
                throw new Commands.Refused("There is a database in " + folder + " already (" + EmbeddedDatabase.FILE
                        + "): restore into an empty folder, or stop Roundup and add --force to replace it (the old one is kept beside it).");
            }
            Path kept = folder.resolve(EmbeddedDatabase.FILE + ".before-" + stamp);
            Files.move(db.file(), kept);
            out.println("Kept the database that was there as " + kept);
        }
        Path journal = folder.resolve("send-journal");
        if (Files.exists(journal)) {
            Path aside = folder.resolve("send-journal.before-" + stamp);
            Files.move(journal, aside);
            out.println("Set the send journal of the replaced database aside as " + aside);
        }
        createOwnersOnly(folder);
        BackupArchive.extractDatabase(backup, folder);
        ownersOnly(db.file(), "rw-------");
        out.printf("Restored %s into %s: made %s by Roundup %s, schema version %s.%n", backup.getFileName(), folder,
                manifest.createdAt(), manifest.appVersion(), manifest.schemaVersion());
        out.println("Start Roundup on this folder (ROUNDUP_DATA_DIR=" + folder + "); it brings the schema up to date.");
        if ("ROUNDUP_SECRET_KEY".equals(manifest.secret())) {
            out.println("The master secret was set with ROUNDUP_SECRET_KEY: set the same value, or links in mail already sent stop working.");
        } else {
            out.println("The master secret came back with the database: links in mail already sent keep working.");
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
