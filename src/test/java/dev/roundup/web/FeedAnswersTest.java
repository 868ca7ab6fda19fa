package dev.roundup.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** When a feed reader already has the current document: the rule behind the feeds' 304s. */
class FeedAnswersTest {

    private static final String TAG = "\"abc\"";
    private static final Instant MODIFIED = Instant.parse("2026-11-30T06:00:00Z");

    @Test
    void aMatchingTagIsNotModifiedAndADifferentOneIs() {
        assertTrue(FeedAnswers.notModified(TAG, null, TAG, MODIFIED));
        assertTrue(FeedAnswers.notModified("\"x\", W/\"abc\"", null, TAG, MODIFIED), "one of a list, weakly compared");
        assertTrue(FeedAnswers.notModified("*", null, TAG, MODIFIED));
        assertFalse(FeedAnswers.notModified("\"x\"", null, TAG, MODIFIED));
    }

    @Test
    void theDateCountsOnlyWithoutATag() {
        assertTrue(FeedAnswers.notModified(null, "Mon, 30 Nov 2026 06:00:00 GMT", TAG, MODIFIED));
        assertTrue(FeedAnswers.notModified(null, "Tue, 1 Dec 2026 06:00:00 GMT", TAG, MODIFIED));
        assertFalse(FeedAnswers.notModified(null, "Mon, 30 Nov 2026 05:59:59 GMT", TAG, MODIFIED));
        assertFalse(FeedAnswers.notModified("\"x\"", "Tue, 1 Dec 2026 06:00:00 GMT", TAG, MODIFIED), "If-None-Match wins");
        assertFalse(FeedAnswers.notModified(null, "yesterday", TAG, MODIFIED), "an unreadable date is ignored");
        assertFalse(FeedAnswers.notModified(null, "Tue, 1 Dec 2026 06:00:00 GMT", TAG, null), "no date to compare");
    }
}
