package dev.roundup.roundup;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * When the weekly draft is made: a day of the week and a time of day in the newsletter's time zone, or {@link #OFF}.
 * The draft made on a day covers the seven days before it, so a Monday draft covers Monday to Monday.
 */
public record DraftSchedule(DayOfWeek day, LocalTime time) {

    /** No weekly draft. */
    public static final DraftSchedule OFF = new DraftSchedule(null, null);

    /** How long after its time a missed draft is still made (an instance that was restarting at the time). */
    static final java.time.Duration GRACE = java.time.Duration.ofHours(1);

    public boolean off() {
        return day == null;
    }

    /**
     * The date whose draft is due at {@code now}: this week's draft day, once its time has come and for
     * {@link #GRACE} after. Empty when off or not due.
     */
    public Optional<LocalDate> dueAt(ZonedDateTime now) {
        if (off()) {
            return Optional.empty();
        }
        LocalDate date = now.toLocalDate().with(TemporalAdjusters.previousOrSame(day));
        ZonedDateTime at = date.atTime(time).atZone(now.getZone());
        return !now.isBefore(at) && now.isBefore(at.plus(GRACE)) ? Optional.of(date) : Optional.empty();
    }

    /** Reads the day ({@code MON} or {@code Monday}, any case) or throws with a message for the person who typed it. */
    public static DayOfWeek day(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (t.length() >= 3 && d.name().startsWith(t)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Give a day of the week, such as Monday.");
    }

    /** Reads a time of day as {@code HH:mm} or throws with a message for the person who typed it. */
    public static LocalTime time(String text) {
        try {
            return LocalTime.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Give a time of day as HH:mm, such as 06:00.");
        }
    }

    /**
     * The schedule that a {@code roundup.issues.draft-cron} value names: {@code off}, or a Quartz cron of one
     * second, minute, hour and day of the week ({@code 0 0 6 ? * MON}). Anything else is refused at start.
     */
    public static DraftSchedule fromCron(String cron) {
        if (cron == null || cron.isBlank() || "off".equalsIgnoreCase(cron.strip())) {
            return OFF;
        }
        String[] f = cron.strip().split("\\s+");
        try {
            if (f.length >= 6 && f[3].equals("?") && f[4].equals("*")) {
                return new DraftSchedule(day(f[5]), LocalTime.of(Integer.parseInt(f[2]), Integer.parseInt(f[1]), Integer.parseInt(f[0])));
            }
        } catch (RuntimeException unreadable) {
            // refused below with the value
        }
        throw new IllegalStateException("roundup.issues.draft-cron must be off or name one day and time, like '0 0 6 ? * MON': " + cron);
    }
}
