package dev.roundup;

import java.util.Optional;

/**
 * The one family of exceptions a feature throws when a request cannot be done as asked. Its message is written for
 * the person or script that asked; {@code web.ErrorPages} maps each kind once: problem+json under {@code /api}, a
 * message on the page otherwise. Never a 500.
 *
 * <ul>
 *   <li>{@link Rejected}: the request breaks a rule (400), optionally naming the field;</li>
 *   <li>{@link NotFound}: what it names does not exist (404);</li>
 *   <li>{@link Conflict}: it is right, but the thing changed or is in a state that refuses it (409).</li>
 * </ul>
 */
public abstract sealed class DomainException extends RuntimeException permits Rejected, NotFound, Conflict {

    private final String field;

    protected DomainException(String message, String field) {
        super(message);
        this.field = field;
    }

    /** The form or JSON field the message is about, when it is about one. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The HTTP status this kind answers with. */
    public abstract int status();
}
