package dev.roundup.feeds;

import java.time.Duration;

/** A fetch or parse that did not work, said in plain words for the editor ("timed out after 20 s"). */
public class FetchFailure extends Exception {

    private final Integer status;
    private final Duration retryAfter;

    public FetchFailure(String message) {
        this(message, null, null);
    }

    public FetchFailure(String message, Integer status, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, when the server answered. */
    public Integer status() {
        return status;
    }

    /** How long the server asked us to wait (Retry-After), if it did. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
