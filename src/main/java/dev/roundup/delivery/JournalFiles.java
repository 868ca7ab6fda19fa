package dev.roundup.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * journal is never replayed into another database. A segment being written stays open between appends.
 */
@Singleton
class JournalFiles implements JournalStorage {

    private static final String SUFFIX = ".journal";

    private final Path folder;
    private final Map<String, FileChannel> open = new HashMap<>();

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
    public synchronized void append(String segment, byte[] bytes) throws IOException {
        FileChannel channel = open.get(segment);
        if (channel == null) {
            try {
                Files.createDirectories(folder);
            } catch (FileAlreadyExistsException e) {
                throw new IOException(folder + " is not a folder", e);
            }
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
    public List<String> lines(String segment) throws IOException {
        return Files.readAllLines(file(segment), StandardCharsets.US_ASCII);
    }

    @Override
    public void delete(String segment) throws IOException {
        close(segment);
        Files.deleteIfExists(file(segment));
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
