package dev.roundup.delivery;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where one reader's delivery of an issue stands, and the one place that says which change of status is allowed.
 * Delivery rows change in SQL, many at a time, so the rule is also given as the condition such an update carries
 * ({@link #mayBecomeSql}): a row that may not become the target stays as it is.
 */
public enum DeliveryStatus {
    /** Due to be sent (at {@code next_attempt_at}); on embedded H2 also while a worker of this JVM holds it. */
    PENDING,
    /** Claimed by a worker on a shared database, under a token and a lease. */
    CLAIMED,
    /** The server accepted the message (250). */
    SENT,
    /** Refused for good, or still refused after the last attempt; an editor may retry it. */
    FAILED,
    /** The reader left before their turn came. */
    SKIPPED;

    public boolean canBecome(DeliveryStatus next) {
        return allowed().contains(next);
    }

    private Set<DeliveryStatus> allowed() {
        return switch (this) {
            case PENDING -> EnumSet.of(PENDING, CLAIMED, SENT, FAILED, SKIPPED);
            case CLAIMED -> EnumSet.of(PENDING, CLAIMED, SENT, FAILED, SKIPPED);
            // a mark that arrives late still says the truth: the reader got it
            case FAILED -> EnumSet.of(PENDING, SENT);
            case SKIPPED -> EnumSet.of(SENT);
            // sent is final: a retry, a failure or a second mark of a message taken over must not undo it
            case SENT -> EnumSet.noneOf(DeliveryStatus.class);
        };
    }

    /** The statuses that may become this one. */
    public Set<DeliveryStatus> from() {
        Set<DeliveryStatus> from = EnumSet.noneOf(DeliveryStatus.class);
        for (DeliveryStatus s : values()) {
            if (s.canBecome(this)) {
                from.add(s);
            }
        }
        return from;
    }

    /** The condition an update to this status carries, on the {@code status} column: {@code status in ('PENDING', …)}. */
    String mayBecomeSql() {
        return "status in (" + from().stream().map(DeliveryStatus::sql).collect(Collectors.joining(", ")) + ")";
    }

    /** As a literal in SQL. */
    String sql() {
        return "'" + name() + "'";
    }

    public String label() {
        return name().toLowerCase();
    }
}
