package dev.roundup.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * Saves in the database the sent marks that runs which ended (killed, or stopped before the database took them) left
 * in the send journal, and then forgets their segments. Only ended runs' ({@link JournalStorage#ended}): a segment
 * another instance sharing the folder is writing is not this one's to take. A segment is forgotten once its marks are
 * saved and on disk; if it cannot be deleted then, replaying it again at the next start does no harm. A segment with
 * lines that are no marks (a disk error, a hand edit) gives what it can: the marks that parse are saved, and the
 * segment is set aside with an error in the log rather than stop sending for good.
 */
final class JournalReplay {

    private static final Logger LOG = Logger.getLogger(JournalReplay.class);
    private static final String SUFFIX = ".journal";
    private static final int GROUP = 1000;

    private final JournalStorage storage;
    private final Deliveries deliveries;
    private final DurablePoint durable;

    JournalReplay(JournalStorage storage, Deliveries deliveries, DurablePoint durable) {
        this.storage = storage;
        this.deliveries = deliveries;
        this.durable = durable;
    }

    /**
     * Replays the segments of every ended run but this one; with {@code databaseKept} false (an in-memory database,
     * gone with the crash) only forgets them. Throws when marks could not be read or saved: they stay for the next try.
     */
    void replay(String thisRun, boolean databaseKept) throws IOException {
        Map<String, Boolean> ended = new HashMap<>();
        for (String segment : storage.segments()) {
            String run = runOf(segment);
            if (run.equals(thisRun) || !ended.computeIfAbsent(run, this::ended)) {
                continue;
            }
            Marks read = databaseKept ? parse(storage.read(segment)) : new Marks();
            for (int i = 0; i < read.marks.size(); i += GROUP) {
                deliveries.sent(read.marks.subList(i, Math.min(read.marks.size(), i + GROUP)));
            }
            durable.reach();
            LOG.infof("Saved %d sent marks left in %s by an earlier run", read.marks.size(), segment);
            forget(segment, read.garbled);
        }
        ended.forEach((run, gone) -> {
            if (gone) {
                storage.letGo(run);
            }
        });
    }

    private boolean ended(String run) {
        try {
            return storage.ended(run);
        } catch (IOException e) {
            throw new IllegalStateException("could not tell whether the run " + run + " ended: " + e.getMessage(), e);
        }
    }

    /** Its marks are saved and on disk: a segment left behind now costs only a harmless replay at the next start. */
    private void forget(String segment, int garbled) {
        try {
            if (garbled == 0) {
                storage.delete(segment);
            } else {
                String aside = storage.setAside(segment);
                LOG.errorf("The send journal segment %s in %s had %d lines that are no sent marks; the others are saved. It is set aside as %s: "
                        + "the readers those lines named may look unsent and get a copy again.", segment, storage.where(), garbled, aside);
            }
        } catch (IOException e) {
            LOG.errorf("Could not %s the replayed journal segment %s in %s (%s); its marks are saved, so replaying it again at the next start "
                    + "is harmless", garbled == 0 ? "delete" : "set aside", segment, storage.where(), e.getMessage());
        }
    }

    /** {@code <run>-<n>.journal}; a segment named before runs were, {@code sent-<n>.journal}, is of the run "sent". */
    static String runOf(String segment) {
        String name = segment.endsWith(SUFFIX) ? segment.substring(0, segment.length() - SUFFIX.length()) : segment;
        int dash = name.lastIndexOf('-');
        return dash < 0 ? name : name.substring(0, dash);
    }

    /** The marks a segment holds, and how many whole lines were none. */
    private static final class Marks {
        final List<Deliveries.Sent> marks = new ArrayList<>();
        int garbled;
    }

    private static Marks parse(byte[] bytes) {
        Marks read = new Marks();
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // any byte is a character: a garbled one only fails to parse
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            Deliveries.Sent mark = mark(text.substring(start, end));
            if (mark == null) {
                read.garbled++;
            } else {
                read.marks.add(mark);
            }
            start = end + 1;
        }
        // what follows the last line end was cut short by the crash (its message was in flight), unless all of it made it
        Deliveries.Sent last = mark(text.substring(start));
        if (last != null) {
            read.marks.add(last);
        }
        return read;
    }

    /** The mark a line holds ({@code issue subscriber epochMillis <message-id>}), or null when it holds none. */
    private static Deliveries.Sent mark(String line) {
        String[] f = line.split(" ", 4);
        if (f.length != 4 || !f[3].startsWith("<") || !f[3].endsWith(">") || !line.chars().allMatch(c -> c > ' ' && c < 127 || c == ' ')) {
            return null;
        }
        try {
            return new Deliveries.Sent(Long.parseLong(f[0]), Long.parseLong(f[1]), f[3], Instant.ofEpochMilli(Long.parseLong(f[2])));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
