package dev.roundup.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The one format of a Roundup backup: {@code roundup-YYYYMMDD-HHMMSS.zip} holding {@code manifest.properties} (the
 * app's version, the database's Flyway version, when, and where the master secret lives) and {@code database.zip},
 * the file H2's {@code BACKUP TO} wrote. The master secret is a row of the database ({@code app_secret}) unless the
 * operator set {@code ROUNDUP_SECRET_KEY}, so the database brings it back.
 */
public final class BackupArchive {

    static final String MANIFEST = "manifest.properties";
    static final String DATABASE = "database.zip";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'roundup-'yyyyMMdd-HHmmss'.zip'").withZone(ZoneOffset.UTC);
    static final Pattern NAMED = Pattern.compile("roundup-\\d{8}-\\d{6}\\.zip");

    private BackupArchive() {
    }

    /** What a backup says about itself. {@code secret} is {@code database} or {@code ROUNDUP_SECRET_KEY}. */
    public record Manifest(String appVersion, String schemaVersion, Instant createdAt, String secret) {

        String text() {
            Properties p = new Properties();
            p.setProperty("format", "1");
            p.setProperty("app-version", appVersion);
            p.setProperty("schema-version", schemaVersion);
            p.setProperty("created-at", createdAt.toString());
            p.setProperty("secret", secret);
            StringWriter out = new StringWriter();
            try {
                p.store(out, "Roundup backup: restore with  java -jar quarkus-run.jar restore <this file> [--data DIR]");
            } catch (IOException cannot) {
                throw new IllegalStateException(cannot);
            }
            return out.toString();
        }

        static Manifest parse(String text) throws IOException {
            Properties p = new Properties();
            p.load(new StringReader(text));
            if (!"1".equals(p.getProperty("format"))) {
                throw new IOException("not a Roundup backup this version can read (format " + p.getProperty("format") + ")");
            }
            return new Manifest(p.getProperty("app-version"), p.getProperty("schema-version"),
                    Instant.parse(p.getProperty("created-at")), p.getProperty("secret"));
        }
    }

    /** The file name of a backup made at {@code at}: what the status page and {@code keep} sort by. */
    public static String fileName(Instant at) {
        return NAME.format(at);
    }

    /** Writes {@code target} from H2's backup file and the manifest, through a temporary file so no half-written backup has the name. */
    static void write(Path target, Path h2Backup, Manifest manifest) throws IOException {
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        try (OutputStream file = Files.newOutputStream(part); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifest.text().getBytes(StandardCharsets.ISO_8859_1));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(DATABASE));
            Files.copy(h2Backup, zip);
            zip.closeEntry();
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The manifest of a backup file; an {@link IOException} saying why when it is not one. */
    public static Manifest manifest(Path backup) throws IOException {
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            ZipEntry entry = zip.getEntry(MANIFEST);
            if (entry == null || zip.getEntry(DATABASE) == null) {
                throw new IOException(backup + " is not a Roundup backup (no " + MANIFEST + " and " + DATABASE + ")");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return Manifest.parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        } catch (java.util.zip.ZipException notZip) {
            throw new IOException(backup + " is not a Roundup backup: " + notZip.getMessage(), notZip);
        }
    }

    /**
     * Unpacks the database of a backup into the file {@code to}: {@code database.zip} must hold H2's
     * {@code roundup.mv.db} once and nothing else, at most {@link #MAX_DATABASE_BYTES}. A damaged file (its CRC, a
     * cut-off zip) or any other entry is an {@link IOException} saying so; {@code to} may then hold part of it.
     */
    static void extractDatabase(Path backup, Path to) throws IOException {
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            ZipEntry database = zip.getEntry(DATABASE);
            if (database == null) {
                throw new IOException(backup + " is not a Roundup backup (no " + DATABASE + ")");
            }
            boolean found = false;
            try (ZipInputStream inner = new ZipInputStream(zip.getInputStream(database))) {
                for (ZipEntry e = inner.getNextEntry(); e != null; e = inner.getNextEntry()) {
                    if (found || !e.getName().equals(EmbeddedDatabase.FILE)) {
                        throw new IOException(backup + " holds an unexpected entry " + e.getName() + " (a backup holds " + EmbeddedDatabase.FILE + ", once)");
                    }
                    copyCapped(inner, to);
                    found = true;
                }
            }
            if (!found) {
                throw new IOException(backup + " holds no " + EmbeddedDatabase.FILE);
            }
        } catch (java.util.zip.ZipException | java.io.EOFException damaged) {
            throw new IOException(backup + " is damaged: " + damaged.getMessage(), damaged);
        }
    }

    /** The most a restored database may unpack to: far beyond a newsletter's, short of a zip bomb filling the disk. */
    static final long MAX_DATABASE_BYTES = 64L << 30;

    private static void copyCapped(InputStream in, Path to) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > MAX_DATABASE_BYTES) {
                    throw new IOException(EmbeddedDatabase.FILE + " unpacks to more than " + (MAX_DATABASE_BYTES >> 30) + " GiB");
                }
                out.write(buffer, 0, n);
            }
        }
    }
}
