package dev.roundup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** A window reads as the days it covers, the same way on every page, mail and feed. */
class DateRangeTest {

    @Test
    void aWeekWithinAMonthNamesTheMonthOnce() {
        assertEquals("Nov 23–29", DateRange.window(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30)),
                "[Nov 23, Nov 30) does not include the 30th");
    }

    @Test
    void aWeekAcrossMonthsNamesBoth() {
        assertEquals("Nov 30–Dec 6", DateRange.window(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 7)));
    }

    @Test
    void aWeekAcrossYearsNamesTheYears() {
        assertEquals("Dec 28, 2026–Jan 3, 2027", DateRange.window(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 4)));
    }

    @Test
    void aWeekEndingOnTheLastOfTheYearStaysInItsYear() {
        assertEquals("Dec 25–31", DateRange.window(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1)));
    }

    @Test
    void oneDayIsThatDayAndDaysHaveNoLeadingZero() {
        assertEquals("Mar 3", DateRange.window(LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 4)));
        assertEquals("Mar 3–9", DateRange.days(LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 9)));
    }

    @Test
    void aLastDayBeforeTheFirstIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DateRange.days(LocalDate.of(2025, 3, 9), LocalDate.of(2025, 3, 3)));
    }
}
