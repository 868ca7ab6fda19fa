package dev.roundup.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.roundup.RoundupConfig;

/**
 * The send journal's segments as files in {@code <data>/send-journal/<database>/}: one folder per database, so a
 * journal is never replayed into another database. A segment being written stays open between appends. A run is
 * alive while its process holds an OS lock on {@code <run>.lock} ({@link FileChannel#tryLock}): the operating system
 * lets go of it when the process dies however it dies, so a lock that can be taken is a dead run's.
 */
@Singleton
class JournalFiles implements JournalStorage {

    private static final String SUFFIX = ".journal";
    private static final String LOCK = ".lock";

    private final Path folder;
    private final Map<String, FileChannel> open = new HashMap<>();
    private String run;
    private FileChannel runLock;

    @Inject
    JournalFiles(RoundupConfig roundup, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this(Path.of(roundup.dataDir(), "send-journal", databaseFolder(jdbcUrl)));
    }

    JournalFiles(Path folder) {
        this.folder = folder;
    }

    private static String databaseFolder(String jdbcUrl) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(jdbcUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public List<String> segments() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).sorted().toList();
        }
    }

    @Override
    public synchronized void hold(String run) throws IOException {
        if (run.equals(this.run)) {
            return;
        }
        createFolder();
        Path file = lockFile(run);
        for (int attempt = 0; attempt < 3; attempt++) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // a file that is still there once locked is this lock's: another instance deletes one only while it holds it
            if (tryLock(channel) != null && Files.exists(file)) {
                this.run = run;
                runLock = channel;
                return;
            }
            channel.close();
        }
        throw new IOException("could not lock " + file);
    }

    @Override
    public synchronized boolean ended(String run) throws IOException {
        if (run.equals(this.run)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile(run), StandardOpenOption.WRITE)) {
            return tryLock(channel) != null; // closing the channel lets go of the lock again
        } catch (NoSuchFileException e) {
            return true; // a run that never had one: written before runs held locks
        }
    }

    @Override
    public synchronized void letGo(String run) {
        try {
            if (run.equals(this.run)) {
                Files.deleteIfExists(lockFile(run));
                runLock.close();
                this.run = null;
                runLock = null;
            } else {
                try (FileChannel channel = FileChannel.open(lockFile(run), StandardOpenOption.WRITE)) {
                    if (tryLock(channel) != null) {
                        Files.deleteIfExists(lockFile(run));
                    }
                }
            }
        } catch (IOException e) {
            // a lock file left behind only tells the next start that a run ended
        }
    }

    /** The lock, or null when another process or this one holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held in this process (a second SentMarks, in tests)
        }
    }

    private Path lockFile(String run) {
        if (run.contains("/") || run.contains("\\")) {
            throw new IllegalArgumentException("not a run: " + run);
        }
        return folder.resolve(run + LOCK);
    }

    private void createFolder() throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(folder + " is not a folder", e);
        }
    }

    @Override
    public synchronized void append(String segment, byte[] bytes) throws IOException {
        FileChannel channel = open.get(segment);
        if (channel == null) {
            createFolder();
            channel = FileChannel.open(file(segment), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            open.put(segment, channel);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public synchronized void close(String segment) {
        FileChannel channel = open.remove(segment);
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // what was written is in the file; a close error changes nothing about it
        }
    }

    @Override
    public byte[] read(String segment) throws IOException {
        return Files.readAllBytes(file(segment));
    }

    @Override
    public void delete(String segment) throws IOException {
        close(segment);
        Files.deleteIfExists(file(segment));
    }

    @Override
    public String setAside(String segment) throws IOException {
        close(segment);
        Path aside = Files.move(file(segment), folder.resolve(segment + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
        return aside.toString();
    }

    @Override
    public String where() {
        return folder.toString();
    }

    private Path file(String segment) {
        if (!segment.endsWith(SUFFIX) || segment.contains("/") || segment.contains("\\")) {
            throw new IllegalArgumentException("not a journal segment: " + segment);
        }
        return folder.resolve(segment);
    }
}
