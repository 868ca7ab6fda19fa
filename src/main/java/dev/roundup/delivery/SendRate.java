package dev.roundup.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * The rate a send is measured at, and the time it has left: the one rule for the progress bar's "per second" and
 * "about N s left". Measured from the messages the server accepted in the last {@link #WINDOW}, over the time since
 * the first of them, so a send that started (or was resumed) a moment ago is not taken for a slow one; no configured
 * rate is involved. Until two messages a second apart have gone out the rate is unknown.
 */
public record SendRate(double perSecond) {

    /** How far back the rate looks: long enough to smooth out batches, short enough to follow a change of pace. */
    public static final Duration WINDOW = Duration.ofSeconds(10);

    /** The shortest span that gives a rate: below it, a batch marked at once would read as thousands a second. */
    static final Duration SHORTEST = Duration.ofSeconds(1);

    public static final SendRate UNKNOWN = new SendRate(0);

    /** The messages accepted within the window: how many, the first and the last. */
    public record Marks(long count, Instant first, Instant last) {
        public static final Marks NONE = new Marks(0, null, null);
    }

    /**
     * The rate at {@code now} from the marks of the last {@link #WINDOW}. The count less one over the time from the
     * first mark to now: n messages span n−1 gaps, and a send that stalls since its last mark slows down as it waits.
     */
    public static SendRate measure(Marks marks, Instant now) {
        if (marks.count() < 2) {
            return UNKNOWN;
        }
        Duration span = Duration.between(marks.first(), now);
        if (span.compareTo(SHORTEST) < 0) {
            return UNKNOWN;
        }
        return new SendRate((marks.count() - 1) / (span.toNanos() / 1e9));
    }

    /** The seconds left for {@code pending} messages at this rate, or null while the rate is unknown. */
    public Long secondsLeft(long pending) {
        if (perSecond <= 0) {
            return null;
        }
        return (long) Math.ceil(pending / perSecond);
    }
}
