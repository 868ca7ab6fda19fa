package dev.roundup.subscribers;

import java.util.EnumSet;
import java.util.Set;

/** Where a subscriber stands, and the one place that decides which change of standing is allowed. */
public enum SubscriberStatus {
    /** Signed up, has not confirmed yet: gets no issues. */
    PENDING,
    /** Confirmed their address: gets every issue. */
    CONFIRMED,
    /** Left. Can come back by confirming again or from their unsubscribe page. */
    UNSUBSCRIBED,
    /** Mail to them bounced for good: never mailed again unless an editor overrides. */
    BOUNCED,
    /** Complained or was suppressed by an editor: never mailed again unless an editor overrides. */
    SUPPRESSED;

    /** Whether this status may change to {@code next} by the subscriber's own action (not an editor's override). */
    public boolean canBecome(SubscriberStatus next) {
        return allowed().contains(next);
    }

    private Set<SubscriberStatus> allowed() {
        return switch (this) {
            case PENDING -> EnumSet.of(CONFIRMED, UNSUBSCRIBED, BOUNCED, SUPPRESSED);
            case CONFIRMED -> EnumSet.of(UNSUBSCRIBED, BOUNCED, SUPPRESSED);
            case UNSUBSCRIBED -> EnumSet.of(CONFIRMED, BOUNCED, SUPPRESSED);
            case BOUNCED, SUPPRESSED -> EnumSet.noneOf(SubscriberStatus.class);
        };
    }

    /** Whether a subscriber in this status receives the newsletter's issues: only one who confirmed. */
    public boolean receivesIssues() {
        return this == CONFIRMED;
    }

    /** Whether mail may go to an address in this status at all (confirmation mails included). */
    public boolean mailable() {
        return this != BOUNCED && this != SUPPRESSED;
    }

    public String label() {
        return name().toLowerCase();
    }
}
