package dev.roundup.delivery;

import java.util.EnumSet;
import java.util.Set;

import dev.roundup.Conflict;

/**
 * The life of an issue's send, and the one place that says which change may happen in which state: {@link #after}
 * gives the state a change leads to, or refuses it. Stored in {@code issue_send.state} as its {@link #label()}.
 */
public enum SendState {
    RUNNING, PAUSED, CANCELLED, DONE;

    /** What an editor or the engine does to a send. */
    public enum Change {
        /** The issue is sent again after its send was cancelled (a send that never ran starts {@link #RUNNING}). */
        START("be started again"),
        PAUSE("be paused"),
        RESUME("be resumed"),
        /**
         * An editor retries the failed deliveries: a done send runs again, a running one picks them up, a paused one
         * stays paused until the editor resumes it.
         */
        RETRY_FAILED("retry its failed deliveries"),
        /** No delivery is left to try. */
        FINISH("finish"),
        CANCEL("be cancelled");

        private final String words;

        Change(String words) {
            this.words = words;
        }
    }

    /** The state this change leads to; refuses (409) a change this state does not allow. */
    public SendState after(Change change) {
        SendState next = next(change);
        if (next == null) {
            throw new Conflict("This send is " + label() + ": it cannot " + change.words + ".");
        }
        return next;
    }

    /** Whether this state allows the change. */
    public boolean allows(Change change) {
        return next(change) != null;
    }

    /** The states that allow a change, for a conditional update that several workers or instances may race to make. */
    public static Set<SendState> allowing(Change change) {
        Set<SendState> states = EnumSet.noneOf(SendState.class);
        for (SendState s : values()) {
            if (s.allows(change)) {
                states.add(s);
            }
        }
        return states;
    }

    private SendState next(Change change) {
        return switch (change) {
            case START -> this == CANCELLED ? RUNNING : null;
            case PAUSE -> this == RUNNING ? PAUSED : null;
            case RESUME -> this == PAUSED ? RUNNING : null;
            case RETRY_FAILED -> switch (this) {
                case DONE, RUNNING -> RUNNING;
                case PAUSED -> PAUSED; // paused for a reason (the relay, the cap): only the editor's resume sends again
                case CANCELLED -> null;
            };
            case FINISH -> this == RUNNING ? DONE : null;
            case CANCEL -> this == RUNNING || this == PAUSED ? CANCELLED : null;
        };
    }

    /** How it is shown and stored: lower case. */
    public String label() {
        return name().toLowerCase();
    }

    /** The state stored as {@code label}. */
    public static SendState of(String label) {
        return valueOf(label.toUpperCase());
    }

    /** Keeps {@code issue_send.state} as the lower-case words it always held. */
    @jakarta.persistence.Converter
    public static class Column implements jakarta.persistence.AttributeConverter<SendState, String> {
        @Override
        public String convertToDatabaseColumn(SendState state) {
            return state == null ? null : state.label();
        }

        @Override
        public SendState convertToEntityAttribute(String label) {
            return label == null ? null : of(label);
        }
    }
}
