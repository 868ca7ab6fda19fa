package dev.roundup.bounces;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The bounce mailbox Roundup reads delivery reports from (IMAP or POP3). Off unless a host is set. Pair it with
 * {@code roundup.mail.bounce-address} so reports come back to this mailbox with the delivery named in the address.
 */
@ConfigMapping(prefix = "roundup.bounces")
public interface BounceConfig {

    /** {@code imaps}, {@code imap}, {@code pop3s} or {@code pop3}. */
    @WithDefault("imaps")
    String protocol();

    /** The mail server; unset means no bounce polling. */
    Optional<String> host();

    /** The port; the protocol's usual one when unset. */
    Optional<Integer> port();

    Optional<String> username();

    Optional<String> password();

    /** IMAP folder to read (POP3 has only INBOX). */
    @WithDefault("INBOX")
    String folder();

    /** How often to read the mailbox; {@code off} disables. */
    @WithDefault("5m")
    String checkEvery();
}
