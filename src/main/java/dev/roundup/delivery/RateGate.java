package dev.roundup.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The messages-per-second ceiling of this instance, shared by all its connections. */
@ApplicationScoped
public class RateGate {

    @Inject
    SendConfig config;

    private long nextSlotNanos;

    /** Waits for the next slot; returns at once when there is no ceiling. */
    public void acquire() throws InterruptedException {
        double rate = config.rate();
        if (rate <= 0) {
            return;
        }
        long interval = (long) (1_000_000_000L / rate);
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            nextSlotNanos = Math.max(nextSlotNanos, now);
            wait = nextSlotNanos - now;
            nextSlotNanos += interval;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
