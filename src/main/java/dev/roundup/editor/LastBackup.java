package dev.roundup.editor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * When the newest backup in {@code <data>/backups} was written, for the status page: the newest finished backup's
 * modification time. Only files named as the backup helper names a finished one count
 * ({@code roundup-YYYYMMDD-HHMMSS.zip}); a file it is still writing has another name. A folder that is missing or
 * holds none means no backup yet; a folder Roundup may not read is said so, the page still answers.
 *
 * @param at the newest finished backup's time, if any was seen
 * @param unreadable whether the folder exists but could not be listed
 */
record LastBackup(Optional<Instant> at, boolean unreadable) {

    /** The name of a finished backup. */
    static final Pattern FINISHED = Pattern.compile("roundup-\\d{8}-\\d{6}\\.zip");

    static LastBackup in(Path backups) {
        if (!Files.isDirectory(backups)) {
            return new LastBackup(Optional.empty(), false);
        }
        try (Stream<Path> files = Files.list(backups)) {
            return new LastBackup(files.filter(f -> FINISHED.matcher(f.getFileName().toString()).matches())
                    .filter(Files::isRegularFile).map(LastBackup::modified).max(Instant::compareTo), false);
        } catch (IOException | SecurityException | UncheckedIOException e) {
            return new LastBackup(Optional.empty(), true);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException gone) {
            return Instant.EPOCH; // deleted while we looked
        }
    }
}
