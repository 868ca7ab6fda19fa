package dev.roundup.delivery;

import java.io.IOException;
import java.util.List;

/**
 * Where the send journal ({@link SentMarks}) keeps its segments: named append-only pieces of lines. In production
 * {@link JournalFiles}, files in this instance's data folder; tests put a journal in its place that fails on demand,
 * as a full disk or an unreadable folder does (file modes cannot make a folder unwritable for root).
 */
interface JournalStorage {

    /** The segments there are, in name order. */
    List<String> segments() throws IOException;

    /** Appends bytes to a segment, creating it if need be; returns once they are written (not synced). */
    void append(String segment, byte[] bytes) throws IOException;

    /** Lets go of what {@link #append} holds open for the segment; further appends open it again. */
    void close(String segment);

    /** The segment's lines, as written. */
    List<String> lines(String segment) throws IOException;

    /** Deletes the segment; nothing happens when there is none. */
    void delete(String segment) throws IOException;

    /** Where the segments are, for messages to the operator. */
    String where();
}
