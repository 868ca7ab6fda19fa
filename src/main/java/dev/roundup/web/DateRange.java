package dev.roundup.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one way a run of days is written, on pages, in mails and in feeds: the days it covers, last day included.
 * "Nov 23–29" within a month, "Nov 30–Dec 6" across months, "Dec 28, 2026–Jan 3, 2027" across years, "Nov 23" for
 * one day.
 */
public final class DateRange {

    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d", Locale.ENGLISH);

    private DateRange() {
    }

    /** The days from {@code first} to {@code last}, both included. */
    public static String days(LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("The last day " + last + " comes before the first " + first + ".");
        }
        if (first.equals(last)) {
            return MONTH_DAY.format(first);
        }
        if (first.getYear() != last.getYear()) {
            return FULL.format(first) + "–" + FULL.format(last);
        }
        if (first.getMonth() != last.getMonth()) {
            return MONTH_DAY.format(first) + "–" + MONTH_DAY.format(last);
        }
        return MONTH_DAY.format(first) + "–" + DAY.format(last);
    }

    /** A window stored as [from, to): the days it covers, so [Nov 23, Nov 30) reads "Nov 23–29". */
    public static String window(LocalDate from, LocalDate toExclusive) {
        return days(from, toExclusive.minusDays(1));
    }
}
