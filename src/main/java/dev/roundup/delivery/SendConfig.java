package dev.roundup.delivery;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sending an issue: pace, batches, retries, and how long a claimed batch may stay unconfirmed. */
@ConfigMapping(prefix = "roundup.send")
public interface SendConfig {

    /** Most messages per second over all connections; 0 = as fast as the server takes them. */
    @WithDefault("0")
    double rate();

    /** Deliveries a worker claims at once. */
    @WithDefault("200")
    int batchSize();

    /** Attempts for a recipient whose server answers 4xx before the delivery counts as failed. */
    @WithDefault("5")
    int maxAttempts();

    /** First wait before retrying a 4xx; doubles with each attempt. */
    @WithDefault("1m")
    Duration retryBackoff();

    /**
     * How long a claimed batch is its worker's alone. A worker renews the claim on what is left of its batch once half
     * of this has passed; a batch whose claim ran out (its sender died or hung) is claimed again by another worker, and
     * its first worker, finding that at its renewal, sends no more of it.
     */
    @WithDefault("2m")
    Duration claimLease();

    /** How long the SMTP server may be unreachable before the send pauses itself with an explanation. */
    @WithDefault("10m")
    Duration outageWindow();

    /** How often this instance looks for sends to work on and scheduled issues to start; {@code off} disables. */
    @WithDefault("2s")
    String checkEvery();

    /**
     * The hard-bounce cap, as a share of the send's recipients in percent: a send bounces at most the larger of this
     * share and {@link #bounceCapMinimum()} readers, then pauses and asks.
     */
    @WithDefault("2")
    double bounceCapPercent();

    /** The hard-bounce cap's floor: a send may always bounce this many readers before it asks. */
    @WithDefault("50")
    int bounceCapMinimum();

    /** Recipient refusals before anything of the send was delivered that mean the relay refuses everyone: pause. */
    @WithDefault("10")
    int refusalsAtStart();

    /** Different readers refused with 4xx in a row, with no delivery between, that mean the relay itself is busy. */
    @WithDefault("5")
    int busyAfter();

    /** First wait when the relay is busy (relay-wide 4xx, 421); doubles with each busy spell up to relay-backoff-max. */
    @WithDefault("30s")
    Duration relayBackoff();

    /** The longest wait for a busy relay. */
    @WithDefault("10m")
    Duration relayBackoffMax();

    /** Where the claims on delivery rows are kept; see {@link Claims}. */
    Optional<Claims> claims();

    /**
     * An optional mailto: address for List-Unsubscribe, beside the one-click link. Read by mail's {@code ListHeaders};
     * declared here too because the key sits under this mapping's prefix, where an undeclared key stops the start.
     */
    Optional<String> unsubscribeMailto();

    /** Where claims are kept: chosen by this setting, by default from the database kind (H2: in-process, else database). */
    enum Claims {
        /**
         * In this process: for embedded H2, which only this process can open. A claim writes nothing; rows stay
         * pending until their "sent" marks are saved.
         */
        IN_PROCESS,
        /** In the database, with FOR UPDATE SKIP LOCKED, a token and a lease: for PostgreSQL shared by several instances. */
        DATABASE
    }
}
