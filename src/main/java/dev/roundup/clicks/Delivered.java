package dev.roundup.clicks;

import java.time.Instant;
import java.util.Optional;

/**
 * When an issue's latest copy was delivered. Implemented by {@code delivery.Deliveries}; clicks declares it so that
 * it does not depend on delivery.
 */
public interface Delivered {

    /** The time the latest copy of the issue was accepted by the relay; empty when none was (a draft, a test send). */
    Optional<Instant> lastDelivered(long issueId);
}
