package dev.roundup.roundup;

import java.util.EnumSet;
import java.util.Set;

/** The life of an issue, and the one place that says which step may follow which. */
public enum IssueStatus {
    DRAFT, SCHEDULED, SENDING, SENT, CANCELLED;

    public boolean canBecome(IssueStatus next) {
        return allowed().contains(next);
    }

    private Set<IssueStatus> allowed() {
        return switch (this) {
            case DRAFT -> EnumSet.of(SCHEDULED, SENDING, CANCELLED);
            case SCHEDULED -> EnumSet.of(DRAFT, SENDING, CANCELLED);
            case SENDING -> EnumSet.of(SENT, CANCELLED);
            case SENT -> EnumSet.noneOf(IssueStatus.class);
            case CANCELLED -> EnumSet.of(DRAFT);
        };
    }

    /** Whether editors may still change the content: once sending starts it is frozen, and a sent issue keeps what was sent. */
    public boolean editable() {
        return this == DRAFT || this == SCHEDULED;
    }

    public String label() {
        return name().toLowerCase();
    }
}
