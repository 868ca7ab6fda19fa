package dev.roundup.mail;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The SMTP relay. Without a host, mail goes to the outbox folder instead. */
@ConfigMapping(prefix = "roundup.smtp")
public interface SmtpConfig {

    /** The relay's host name; unset means "write .eml files to the outbox". */
    Optional<String> host();

    @WithDefault("587")
    int port();

    /** {@code starttls}, {@code ssl} (implicit TLS, usually port 465) or {@code none}. */
    @WithDefault("starttls")
    String tls();

    Optional<String> username();

    Optional<String> password();

    /** SMTP connections used at once to send an issue, each reused for many messages. */
    @WithDefault("4")
    int connections();

    /** Messages sent over one connection before it is closed and opened again. */
    @WithDefault("200")
    int messagesPerConnection();

    /**
     * The name Roundup greets the relay with (EHLO); unset: the From address's domain, else the base URL's host (see
     * {@link EhloName}).
     */
    Optional<String> ehloName();

    /** Connect and read timeout for one SMTP command. */
    @WithDefault("30s")
    Duration timeout();
}
