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

    /** A claimed batch not confirmed within this time (its sender died) is sent again. */
    @WithDefault("2m")
    Duration claimLease();

    /** How long the SMTP server may be unreachable before the send pauses itself with an explanation. */
    @WithDefault("10m")
    Duration outageWindow();

    /** How often this instance looks for sends to work on and scheduled issues to start; {@code off} disables. */
    @WithDefault("2s")
    String checkEvery();

    /** An optional mailto: address for List-Unsubscribe, beside the one-click link. */
    Optional<String> unsubscribeMailto();
}
