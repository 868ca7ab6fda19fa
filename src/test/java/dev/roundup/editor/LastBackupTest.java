package dev.roundup.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files in the backups folder are finished backups, and a folder Roundup may not read. */
class LastBackupTest {

    @TempDir
    Path backups;

    @Test
    void onlyAFinishedBackupsNameCounts() throws Exception {
        at(backups.resolve("roundup-20310506-070800.zip"), "2031-05-06T07:08:00Z");
        at(backups.resolve("roundup-20310507-070800.zip.part"), "2031-05-07T07:08:00Z"); // still being written
        at(backups.resolve("notes.txt"), "2031-05-08T07:08:00Z");
        Files.createDirectory(backups.resolve("roundup-20310509-070800.zip"));
        assertEquals(new LastBackup(Optional.of(Instant.parse("2031-05-06T07:08:00Z")), false), LastBackup.in(backups));
    }

    @Test
    void aMissingOrEmptyFolderIsNoBackupYet() {
        assertEquals(new LastBackup(Optional.empty(), false), LastBackup.in(backups));
        assertEquals(new LastBackup(Optional.empty(), false), LastBackup.in(backups.resolve("none")));
    }

    @Test
    void aFolderRoundupMayNotListIsUnreadableNotAnError() throws Exception {
        Path locked = Files.createDirectory(backups.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "running as root: every folder is readable");
            assertEquals(new LastBackup(Optional.empty(), true), LastBackup.in(locked));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void at(Path file, String time) throws Exception {
        Files.writeString(file, "a backup");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(time)));
    }
}
