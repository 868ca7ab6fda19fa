package dev.roundup.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who mails come from and where they go when no SMTP server is configured. */
@ConfigMapping(prefix = "roundup.mail")
public interface MailConfig {

    /** The From address of every mail; its domain is also the Message-ID's. */
    @WithDefault("roundup@localhost")
    String from();

    /** The name shown beside the From address; the newsletter's name when unset. */
    java.util.Optional<String> fromName();

    /** Folder for .eml files when no SMTP host is set; {@code <data-dir>/outbox} when unset. */
    java.util.Optional<String> outboxDir();
}
