package dev.roundup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The data folder holds the database, the outbox of mails and the send journal: subscribers' addresses, all of it.
 * It is readable by its owner only: created {@code 700} before H2 opens its files (a file inside a folder no one
 * else may enter is out of their reach, whatever H2's own file modes), and on every start each folder in it made
 * {@code 700} and each file {@code 600}, so an older install is tightened too. Nothing to do where files have no
 * POSIX permissions (Windows).
 */
@ApplicationScoped
public class DataFolder {

    private static final Logger LOG = Logger.getLogger(DataFolder.class);
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    /**
     * As soon as the container is up, which is before the datasource and Flyway open the H2 files in this folder.
     * That is static init, before {@link RoundupConfig} exists, so the setting is read as a plain property. (The
     * notification ArC warns about differs only in a native image, which Roundup is not built as.)
     */
    void beforeTheDatabase(@Observes @Initialized(ApplicationScoped.class) Object containerUp) {
        Path folder = Path.of(ConfigProvider.getConfig().getOptionalValue("roundup.data-dir", String.class).orElse("./data"));
        if (!posix() || Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            Files.setPosixFilePermissions(folder, FOLDER); // createDirectories is subject to the umask
            LOG.infof("Created the data folder %s, readable by its owner only", folder.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Once started, when H2 has created its files, and before anything secret is written: every folder 700, file 600. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started, RoundupConfig config) {
        tighten(Path.of(config.dataDir()));
    }

    /** Makes every folder under {@code folder} (itself included) {@code 700} and every file {@code 600}. */
    static void tighten(Path folder) {
        if (!posix() || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setPosixFilePermissions(p, Files.isDirectory(p) ? FOLDER : FILE);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("Could not make the data folder %s readable by its owner only: %s", folder.toAbsolutePath(), e.getMessage());
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
