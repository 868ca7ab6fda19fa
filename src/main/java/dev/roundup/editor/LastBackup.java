package dev.roundup.editor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When the newest backup in {@code <data>/backups} was written, for the status page: the newest regular file's
 * modification time. A folder that is missing or empty means no backup yet.
 */
final class LastBackup {

    private LastBackup() {
    }

    static Optional<Instant> in(Path backups) {
        if (!Files.isDirectory(backups)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(backups)) {
            return files.filter(Files::isRegularFile).map(LastBackup::modified).max(Instant::compareTo);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the backups folder " + backups + ": " + e.getMessage(), e);
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
