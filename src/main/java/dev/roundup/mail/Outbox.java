package dev.roundup.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.jboss.logging.Logger;

/** The outbox folder as a {@link MailConnection}: each mail becomes one .eml file, as SMTP would carry it. */
final class Outbox extends ComposingConnection {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final Path folder;

    Outbox(Mailer mailer, Path folder) {
        super(mailer);
        this.folder = folder;
    }

    @Override
    void carry(MimeMessage message) throws MessagingException {
        try {
            Files.createDirectories(folder);
            String id = message.getMessageID().replaceAll("[^A-Za-z0-9._-]", "");
            Path tmp = Files.createTempFile(folder, "writing-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                message.writeTo(out);
            }
            // a finished file appears at once or not at all
            Files.move(tmp, folder.resolve(id + ".eml"), StandardCopyOption.ATOMIC_MOVE);
            LOG.debugf("Wrote %s to the outbox", id);
        } catch (IOException e) {
            throw new MessagingException("Could not write to the outbox " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing to close: each message is its own file
    }
}
