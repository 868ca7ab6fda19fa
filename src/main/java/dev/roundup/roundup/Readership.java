package dev.roundup.roundup;

/**
 * How many readers an issue's send reached. Implemented by {@code delivery.Deliveries}; roundup declares it so that
 * it does not depend on delivery.
 */
public interface Readership {

    /** The readers a copy of the issue was sent to, 0 when its send never started. */
    long reached(long issueId);
}
