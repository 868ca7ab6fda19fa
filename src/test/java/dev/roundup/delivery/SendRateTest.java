package dev.roundup.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The rules behind the progress at the top of the issue page: the time left comes from the rate measured over the
 * messages just sent, and only the buttons the send's state allows are offered.
 */
class SendRateTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    /** The marks of a steady send at {@code perSecond} from {@code START}, as the progress asks for them at {@code now}. */
    private static SendRate.Marks steady(double perSecond, Instant now) {
        Instant windowStart = now.minus(SendRate.WINDOW);
        long first = (long) Math.ceil(Math.max(0, Duration.between(START, windowStart).toNanos() / 1e9) * perSecond);
        long last = (long) Math.floor(Duration.between(START, now).toNanos() / 1e9 * perSecond) - 1;
        return new SendRate.Marks(last - first + 1, at(first, perSecond), at(last, perSecond));
    }

    private static Instant at(long message, double perSecond) {
        return START.plusNanos((long) (message / perSecond * 1e9));
    }

    @Test
    void aSendTwoSecondsInIsMeasuredAtItsRealRate() {
        // the 24 s send of the issue report: 960 readers at 40 a second. The old rule divided two seconds' worth of
        // messages by ten seconds and said 115 s were left
        Instant now = START.plusSeconds(2);
        SendRate rate = SendRate.measure(steady(40, now), now);
        assertEquals(40, rate.perSecond(), 1.0);
        assertEquals(22, rate.secondsLeft(960 - 80), 1);
    }

    @Test
    void aLongSendIsMeasuredOverTheLastTenSeconds() {
        Instant now = START.plusSeconds(60);
        SendRate rate = SendRate.measure(steady(250, now), now);
        assertEquals(250, rate.perSecond(), 2.0);
        assertEquals(40, rate.secondsLeft(10_000), 1);
    }

    @Test
    void aSendThatStallsSlowsDownWhileItWaits() {
        // 40 a second for five seconds, then nothing for five: half the pace, not the pace of the five good seconds
        Instant stalledSince = START.plusSeconds(5);
        SendRate.Marks marks = steady(40, stalledSince);
        SendRate rate = SendRate.measure(marks, START.plusSeconds(10));
        assertEquals(20, rate.perSecond(), 1.0);
    }

    @Test
    void aResumedSendIsMeasuredFromItsFirstMessageSinceResuming() {
        // resumed at 09:10:00 after a pause: 30 a second since; the pause does not count as slowness
        Instant resumed = START.plusSeconds(600);
        Instant now = resumed.plusSeconds(3);
        SendRate.Marks sinceResume = new SendRate.Marks(90, resumed.plusMillis(33), now.minusMillis(10));
        assertEquals(30, SendRate.measure(sinceResume, now).perSecond(), 1.0);
    }

    @Test
    void tooFewMessagesGiveNoRateAndNoTimeLeft() {
        assertNull(SendRate.measure(SendRate.Marks.NONE, START).secondsLeft(100));
        assertNull(SendRate.measure(new SendRate.Marks(1, START, START), START.plusSeconds(5)).secondsLeft(100));
        // a batch marked within a few milliseconds is no measure of thousands a second
        assertNull(SendRate.measure(new SendRate.Marks(200, START, START.plusMillis(5)), START.plusMillis(300)).secondsLeft(100));
    }

    @Test
    void theButtonsAreTheChangesTheStateAllows() {
        assertEquals(List.of("pause", "cancel"), IssueSends.actions(SendState.RUNNING, 0));
        assertEquals(List.of("pause", "retry-failed", "cancel"), IssueSends.actions(SendState.RUNNING, 3));
        assertEquals(List.of("resume", "cancel"), IssueSends.actions(SendState.PAUSED, 0));
        assertEquals(List.of("resume", "retry-failed", "cancel"), IssueSends.actions(SendState.PAUSED, 1));
        assertEquals(List.of(), IssueSends.actions(SendState.DONE, 0));
        assertEquals(List.of("retry-failed"), IssueSends.actions(SendState.DONE, 2));
        assertEquals(List.of(), IssueSends.actions(SendState.CANCELLED, 5));
    }

    @Test
    void timeLeftReadsAsMinutesAndHours() {
        assertEquals("40 s", SendSummary.duration(40));
        assertEquals("3 min 5 s", SendSummary.duration(185));
        assertEquals("2 min", SendSummary.duration(120));
        assertEquals("2 h 10 min", SendSummary.duration(7800));
    }
}
