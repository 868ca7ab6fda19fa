package dev.roundup.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands on files, in this JVM: a restore replaces a database only with a backup that unpacks and
 * opens, never one Roundup has open, never with a newer schema; a damaged backup leaves the folder as it was. And
 * {@code migrate-to} takes its password from the environment, out of {@code ps}.
 */
class CommandsTest {

    @TempDir
    Path dir;

    /** What a command did: its exit code and what it printed on stdout and stderr. */
    record Ran(int code, String out, String err) {
    }

    static Ran run(String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Commands.run(command, args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDamagedBackupLeavesTheDatabaseThatWasThere() throws Exception {
        Path data = oldDataFolder();
        byte[] oldDb = Files.readAllBytes(data.resolve(EmbeddedDatabase.FILE));
        List<String> before = listing(data);
        Path good = realBackup(dir.resolve("good"), newest());
        byte[] inner = innerDatabaseZip(good);

        Map<String, Path> bad = new LinkedHashMap<>();
        byte[] flipped = inner.clone();
        for (int i = flipped.length / 3; i < flipped.length / 3 + 16; i++) {
            flipped[i] ^= (byte) 0xFF;
        }
        bad.put("damaged", archive("case1", newest(), flipped));
        Path cutOff = dir.resolve("case2.zip");
        byte[] whole = Files.readAllBytes(good);
        Files.write(cutOff, java.util.Arrays.copyOf(whole, whole.length / 2));
        bad.put("is not a Roundup backup", cutOff);
        bad.put("does not open", archive("case3", newest(), innerZip(Map.of(EmbeddedDatabase.FILE, "not an H2 file at all".repeat(200).getBytes()))));
        bad.put("unexpected entry ../x", archive("case4", newest(), innerZip(Map.of("../x", "x".getBytes()))));
        Map<String, byte[]> two = new LinkedHashMap<>();
        two.put(EmbeddedDatabase.FILE, unzipDatabase(inner));
        two.put("roundup.trace.db", "more".getBytes());
        bad.put("unexpected entry roundup.trace.db", archive("case5", newest(), innerZip(two)));
        bad.put("holds no roundup.mv.db", archive("case6", newest(), innerZip(Map.of())));

        for (Map.Entry<String, Path> b : bad.entrySet()) {
            Ran r = run("restore", b.getValue().toString(), "--data", data.toString(), "--force");
            assertEquals(1, r.code(), b.getKey() + ": " + r);
            assertTrue(r.err().contains(b.getKey()), b.getKey() + ": " + r.err());
            assertEquals(before, listing(data), b.getKey() + ": the folder is as it was");
            assertArrayEquals(oldDb, Files.readAllBytes(data.resolve(EmbeddedDatabase.FILE)), b.getKey() + ": the old database untouched");
        }
        Ran intoEmpty = run("restore", bad.get("damaged").toString(), "--data", dir.resolve("fresh").toString());
        assertEquals(1, intoEmpty.code(), intoEmpty.toString());
        assertEquals(List.of(), listing(dir.resolve("fresh")), "no half database for Roundup to start on");
    }

    @Test
    void aGoodBackupReplacesTheDatabaseAndKeepsTheOldOneBeside() throws Exception {
        Path data = oldDataFolder();
        byte[] oldDb = Files.readAllBytes(data.resolve(EmbeddedDatabase.FILE));
        Ran r = run("restore", realBackup(dir.resolve("good"), newest()).toString(), "--data", data.toString(), "--force");
        assertEquals(0, r.code(), r.toString());
        assertEquals("from the backup", marker(data));
        List<String> now = listing(data);
        assertEquals(3, now.size(), now.toString());
        assertTrue(now.contains(EmbeddedDatabase.FILE), now.toString());
        String kept = now.stream().filter(f -> f.startsWith(EmbeddedDatabase.FILE + ".before-")).findFirst().orElseThrow();
        assertArrayEquals(oldDb, Files.readAllBytes(data.resolve(kept)));
        assertTrue(now.stream().anyMatch(f -> f.startsWith("send-journal.before-")), now.toString());
        assertFalse(now.contains(Restore.STAGING), now.toString());
    }

    @Test
    void aBackupOfANewerSchemaIsRefused() throws Exception {
        Path data = dir.resolve("fresh");
        String newer = String.valueOf(Integer.parseInt(newest()) + 1);
        Ran r = run("restore", realBackup(dir.resolve("newer"), newer).toString(), "--data", data.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("schema version " + newer + ", newer than this Roundup's (" + newest() + ")"), r.err());
        assertFalse(Files.exists(data), "nothing made");
    }

    @Test
    void aDatabaseRoundupHasOpenIsNotReplaced() throws Exception {
        Path data = oldDataFolder();
        Path backup = realBackup(dir.resolve("good"), newest());
        List<String> before = listing(data);
        try (Connection running = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("roundup"), "sa", "")) {
            Ran r = run("restore", backup.toString(), "--data", data.toString(), "--force");
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("Roundup is running on " + data), r.err());
            assertEquals(before, listing(data));
        }
        assertEquals("the old one", marker(data));
    }

    @Test
    void migrateToTakesThePasswordFromTheEnvironmentOutOfPs() {
        Map<String, String> onH2 = Map.of("ROUNDUP_DB_PASSWORD", "the embedded one's");
        assertEquals("typed", Commands.targetPassword(Map.of("password", "typed"), Map.of("PGPASSWORD", "pg")));
        assertEquals("pg", Commands.targetPassword(Map.of(), Map.of("PGPASSWORD", "pg", "ROUNDUP_DB_PASSWORD", "app")));
        assertEquals("app", Commands.targetPassword(Map.of(), Map.of("ROUNDUP_DB_URL", "jdbc:postgresql://db/roundup", "ROUNDUP_DB_PASSWORD", "app")));
        assertEquals("", Commands.targetPassword(Map.of(), onH2), "on H2 that variable is the embedded database's account");
    }

    /** The newest migration version, read from the migration files' names: what Flyway should find too. */
    static String newest() throws IOException {
        if (newest == null) {
            newest = newestOnDisk();
        }
        return newest;
    }

    private static String newest;

    private static String newestOnDisk() throws IOException {
        // SQL migrations and Java ones (V9, V29) alike
        Pattern v = Pattern.compile("V(\\d+)__.*\\.(sql|java)");
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("src/main/resources/db/migration")),
                Files.list(Path.of("src/main/java/db/migration")))) {
            int max = files.map(f -> v.matcher(f.getFileName().toString())).filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElseThrow();
            assertEquals(MigrationVersion.fromVersion(String.valueOf(max)), Restore.newestMigration());
            return String.valueOf(max);
        }
    }

    /** A data folder with a database ("the old one") and a send journal, as a Roundup that ran leaves it. */
    private Path oldDataFolder() throws Exception {
        Path data = dir.resolve("data");
        database(data, "the old one");
        Files.writeString(data.resolve("send-journal"), "marks of the old database");
        return data;
    }

    /** A backup file as Roundup writes it, of an H2 database whose marker says "from the backup". */
    static Path realBackup(Path work, String schemaVersion) throws Exception {
        Path source = work.resolve("source");
        database(source, "from the backup");
        Path h2 = work.resolve("h2-backup.zip");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + source.resolve("roundup"), "sa", ""); Statement st = c.createStatement()) {
            st.execute("BACKUP TO '" + h2 + "'");
        }
        Path target = work.resolve(BackupArchive.fileName(Instant.now()));
        BackupArchive.write(target, h2, new BackupArchive.Manifest("test", schemaVersion, Instant.now(), "database"));
        return target;
    }

    private static void database(Path folder, String marker) throws Exception {
        Files.createDirectories(folder);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("roundup"), "sa", ""); Statement st = c.createStatement()) {
            st.execute("create table \"flyway_schema_history\" (\"installed_rank\" int, \"version\" varchar(50), \"success\" boolean)");
            st.execute("insert into \"flyway_schema_history\" values (1, '1', true)");
            st.execute("create table marker (said varchar(100))");
            st.execute("insert into marker values ('" + marker + "')");
        }
    }

    private static String marker(Path folder) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("roundup") + ";IFEXISTS=TRUE", "sa", "");
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select said from marker")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private Path archive(String name, String schemaVersion, byte[] databaseZip) throws IOException {
        Path inner = dir.resolve(name + "-database.zip");
        Files.write(inner, databaseZip);
        Path target = dir.resolve(name + ".zip");
        BackupArchive.write(target, inner, new BackupArchive.Manifest("test", schemaVersion, Instant.now(), "database"));
        return target;
    }

    private static byte[] innerZip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] innerDatabaseZip(Path backup) throws IOException {
        try (ZipFile zip = new ZipFile(backup.toFile()); InputStream in = zip.getInputStream(zip.getEntry(BackupArchive.DATABASE))) {
            return in.readAllBytes();
        }
    }

    private static byte[] unzipDatabase(byte[] inner) throws IOException {
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(inner))) {
            zip.getNextEntry();
            return zip.readAllBytes();
        }
    }

    /** Rewrites a backup with another schema version in its manifest: what a newer Roundup's backup says. */
    static Path withSchemaVersion(Path backup, Path target, String schemaVersion) throws IOException {
        Path inner = Files.write(target.resolveSibling(target.getFileName() + "-database.zip"), innerDatabaseZip(backup));
        BackupArchive.write(target, inner, new BackupArchive.Manifest("a newer one", schemaVersion, Instant.now(), "database"));
        return target;
    }

    private static List<String> listing(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
