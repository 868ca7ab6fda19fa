package dev.roundup.mail;

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

    /**
     * Where bounces should go (the envelope sender), e.g. {@code bounces@example.org}; each mail then goes out from
     * {@code bounces+<tag>@example.org} (VERP): an issue mail with its delivery tag, a confirmation, receipt or test
     * send with its {@link MailTag}, so every bounce names what it was about. Unset: the From address.
     */
    java.util.Optional<String> bounceAddress();

    /** Folder for .eml files when no SMTP host is set; {@code <data-dir>/outbox} when unset. */
    java.util.Optional<String> outboxDir();
}
