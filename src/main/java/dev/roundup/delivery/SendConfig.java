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

    /**
     * Where claims are kept: chosen by this setting, by default from the database kind (embedded H2: in-process, else
     * database). {@link #of} is the rule.
     */
    enum Claims {
        /**
         * In this process: for embedded H2, which only this process can open. A claim writes nothing; rows stay
         * pending until their "sent" marks are saved.
         */
        IN_PROCESS,
        /** In the database, with FOR UPDATE SKIP LOCKED, a token and a lease: for PostgreSQL shared by several instances. */
        DATABASE;

        /**
         * The claims of a database: as {@code roundup.send.claims} says when it is set; otherwise in-process for an
         * embedded H2 database and in the database for any other kind. An H2 URL that other processes can open too
         * (a {@code tcp:} or {@code ssl:} server, or {@code AUTO_SERVER=TRUE}) is refused without the setting: claims
         * kept in one process would let two processes send the same readers, and H2's claims in the database are not
         * proven under concurrent workers, so the operator chooses.
         */
        static Claims of(Optional<Claims> setting, String dbKind, String jdbcUrl) {
            if (setting.isPresent()) {
                return setting.get();
            }
            if (!"h2".equals(dbKind)) {
                return DATABASE;
            }
            if (sharedH2(jdbcUrl)) {
                throw new IllegalStateException("The H2 database " + jdbcUrl + " is a server that several processes can open, "
                        + "and claims kept in one process would let two of them send to the same readers. Set roundup.send.claims "
                        + "(ROUNDUP_SEND_CLAIMS): in-process if only this instance ever sends, database if several do "
                        + "(PostgreSQL is the tested way to run several instances).");
            }
            return IN_PROCESS;
        }

        private static boolean sharedH2(String jdbcUrl) {
            String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
            return url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:") || url.contains(";auto_server=true");
        }
    }
}
