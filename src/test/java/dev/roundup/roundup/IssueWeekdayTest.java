package dev.roundup.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** {weekday} is the day the issue goes out, in the newsletter's time zone, not the window's end. */
class IssueWeekdayTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Issue weekOf(LocalDate monday) {
        Issue issue = new Issue();
        issue.windowFrom = monday;
        issue.windowTo = monday.plusDays(7);
        return issue;
    }

    @Test
    void aDraftReadNowGoesOutToday() {
        Issue issue = weekOf(LocalDate.of(2026, 11, 23)); // the window ends on a Monday
        Instant tuesday = LocalDate.of(2026, 12, 1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        assertEquals(DayOfWeek.TUESDAY, issue.weekdayOut(ZoneOffset.UTC, tuesday), "a Tuesday send says Tuesday");
    }

    @Test
    void aScheduledIssueGoesOutOnItsScheduledDay() {
        Issue issue = weekOf(LocalDate.of(2026, 11, 23));
        issue.scheduledAt = LocalDate.of(2026, 12, 3).atTime(7, 0).toInstant(ZoneOffset.UTC);
        Instant now = LocalDate.of(2026, 12, 1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        assertEquals(DayOfWeek.THURSDAY, issue.weekdayOut(ZoneOffset.UTC, now));
    }

    @Test
    void theDayIsTheNewslettersDayNotUtcs() {
        Issue issue = weekOf(LocalDate.of(2026, 11, 23));
        Instant lateTuesdayUtc = LocalDate.of(2026, 12, 1).atTime(23, 30).toInstant(ZoneOffset.UTC);
        assertEquals(DayOfWeek.TUESDAY, issue.weekdayOut(ZoneOffset.UTC, lateTuesdayUtc));
        assertEquals(DayOfWeek.WEDNESDAY, issue.weekdayOut(BERLIN, lateTuesdayUtc), "00:30 in Berlin is Wednesday already");
    }

    @Test
    void aSentIssueKeepsTheDayItWentOut() {
        Issue issue = weekOf(LocalDate.of(2026, 11, 23));
        issue.sentAt = LocalDate.of(2026, 12, 1).atTime(10, 0).toInstant(ZoneOffset.UTC);
        Instant muchLater = LocalDate.of(2027, 2, 5).atTime(10, 0).toInstant(ZoneOffset.UTC);
        assertEquals(DayOfWeek.TUESDAY, issue.weekdayOut(ZoneOffset.UTC, muchLater), "the archive says what readers got");
    }

    @Test
    void aScheduledIssueSentNowSaysTheDayItsSendStartedInEveryCopy() {
        Issue issue = weekOf(LocalDate.of(2026, 11, 23));
        issue.number = 7; // numbered already: no counter to take from here
        issue.scheduledAt = LocalDate.of(2026, 12, 3).atTime(7, 0).toInstant(ZoneOffset.UTC); // a Thursday
        Instant tuesday = LocalDate.of(2026, 12, 1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        issue.startsGoingOut(tuesday); // "Send now"
        assertEquals(DayOfWeek.TUESDAY, issue.weekdayOut(ZoneOffset.UTC, tuesday));
        Instant resumedThursday = tuesday.plus(java.time.Duration.ofDays(2));
        assertEquals(DayOfWeek.TUESDAY, issue.weekdayOut(ZoneOffset.UTC, resumedThursday), "a copy rendered after a pause says the same day");
        assertEquals(7, issue.number);
    }
}
