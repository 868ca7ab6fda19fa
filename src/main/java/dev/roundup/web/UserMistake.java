package dev.roundup.web;

/**
 * Marks an exception whose message is written for the person who caused it (a form field that breaks a rule, a row
 * that is not there): {@link ErrorPages} answers it with {@link #status()} and that message, never with a 500.
 * Features' own {@code Rejected} exceptions implement it, so one forgotten catch is still a clear 4xx.
 */
public interface UserMistake {

    /** The HTTP status to answer with: 400 unless the mistake is asking for something that does not exist. */
    default int status() {
        return 400;
    }
}
