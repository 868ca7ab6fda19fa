package dev.roundup.delivery;

import java.io.IOException;
import java.util.List;

/**
 * Where the send journal ({@link SentMarks}) keeps its segments: named append-only pieces of lines, each named by the
 * run that wrote it ({@code <run>-<n>.journal}). A run that is alive says so ({@link #hold}) for as long as its
 * process lives, so that another instance sharing the folder replays only the segments of runs that ended. In
 * production {@link JournalFiles}, files in this instance's data folder; tests put a journal in its place that fails
 * on demand, as a full disk or an unreadable folder does (file modes cannot make a folder unwritable for root).
 */
interface JournalStorage {

    /** The segments there are, in name order. */
    List<String> segments() throws IOException;

    /** Says that this process's run is alive, until the process ends or {@link #letGo} is called; once is enough. */
    void hold(String run) throws IOException;

    /** Whether no living process holds the run (it ended, or was killed): then its segments may be replayed. */
    boolean ended(String run) throws IOException;

    /** Lets go of a run: this process's after its last segment, or an ended one once its segments are replayed. */
    void letGo(String run);

    /** Appends bytes to a segment, creating it if need be; returns once they are written (not synced). */
    void append(String segment, byte[] bytes) throws IOException;

    /** Lets go of what {@link #append} holds open for the segment; further appends open it again. */
    void close(String segment);

    /** The segment's bytes, as written. */
    byte[] read(String segment) throws IOException;

    /** Deletes the segment; nothing happens when there is none. */
    void delete(String segment) throws IOException;

    /** Moves a segment that cannot be read as a journal out of the way, where an operator can still look at it. */
    String setAside(String segment) throws IOException;

    /** Where the segments are, for messages to the operator. */
    String where();
}
