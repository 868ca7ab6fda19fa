package dev.roundup.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When the weekly draft is due: from its day and time in the newsletter's zone, for an hour. */
class DraftScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DraftSchedule MONDAY_SIX = new DraftSchedule(DayOfWeek.MONDAY, LocalTime.of(6, 0));

    @Test
    void dueFromItsTimeForAnHour() {
        ZonedDateTime monday = ZonedDateTime.of(2026, 3, 16, 6, 0, 0, 0, BERLIN);
        assertEquals(Optional.empty(), MONDAY_SIX.dueAt(monday.minusSeconds(1)));
        assertEquals(Optional.of(LocalDate.of(2026, 3, 16)), MONDAY_SIX.dueAt(monday));
        assertEquals(Optional.of(LocalDate.of(2026, 3, 16)), MONDAY_SIX.dueAt(monday.plusMinutes(59)));
        assertEquals(Optional.empty(), MONDAY_SIX.dueAt(monday.plusHours(1)));
        assertEquals(Optional.empty(), MONDAY_SIX.dueAt(monday.plusDays(3)));
        assertEquals(Optional.empty(), DraftSchedule.OFF.dueAt(monday));
    }

    @Test
    void theConfiguredCronBecomesTheDefault() {
        assertEquals(MONDAY_SIX, DraftSchedule.fromCron("0 0 6 ? * MON"));
        assertEquals(new DraftSchedule(DayOfWeek.FRIDAY, LocalTime.of(17, 30)), DraftSchedule.fromCron("0 30 17 ? * FRI"));
        assertTrue(DraftSchedule.fromCron("off").off());
        assertThrows(IllegalStateException.class, () -> DraftSchedule.fromCron("0 0 6 * * MON-FRI"));
    }
}
