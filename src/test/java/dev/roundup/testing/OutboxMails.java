package dev.roundup.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The .eml files the packaged app writes to {@code <data>/outbox} when no SMTP host is set, read as a reader's inbox. */
public final class OutboxMails {

    private static final Pattern TO = Pattern.compile("(?m)^To: (?:.*<)?([^<>\\s]+@[^<>\\s]+?)>?\\r?$");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("(?mi)^List-Unsubscribe:[^\\n]*?<https?://[^/>]+(/unsubscribe/[^>]+)>");

    private OutboxMails() {
    }

    /** Every mail in the outbox, as text. */
    public static List<String> all(Path dataDir) throws IOException {
        Path outbox = dataDir.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).map(OutboxMails::read).toList();
        }
    }

    /** The address a mail was sent to. */
    public static String to(String mail) {
        Matcher m = TO.matcher(mail);
        return m.find() ? m.group(1) : "";
    }

    /** The path of the one-click unsubscribe link in a mail's List-Unsubscribe header, e.g. {@code /unsubscribe/…}. */
    public static String unsubscribePath(String mail) {
        Matcher m = UNSUBSCRIBE.matcher(mail.replace("\r\n ", " ").replace("\r\n\t", " "));
        if (!m.find()) {
            throw new AssertionError("no List-Unsubscribe link in:\n" + mail);
        }
        return m.group(1);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
