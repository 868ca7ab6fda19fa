package dev.roundup.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What each setting may hold: one-line names and addresses, real time zones, days, times and bounded sizes. */
class SettingRulesTest {

    private static Map<String, String> errors(String key, String value) {
        Map<String, String> raw = new HashMap<>();
        raw.put(key, value);
        return assertThrows(dev.roundup.Rejected.class, () -> SettingRules.check(raw)).errors();
    }

    @Test
    void namesAndAddressesAreOneLine() {
        for (String key : new String[] {"name", "fromName", "tagline", "postalAddress", "from", "replyTo"}) {
            assertTrue(errors(key, "a@example.org\r\nBcc: b@example.org").get(key).contains("one line"), key);
            assertTrue(errors(key, "a@example.org\nBcc: b@example.org").get(key).contains("one line"), key);
            assertTrue(errors(key, "a@example.org\u2028x").get(key).contains("one line"), key);
        }
        assertTrue(errors("fromName", "Roundup\u0000").get("fromName").contains("control"));
    }

    @Test
    void addressesAreWhatEmailAddressAccepts() {
        assertTrue(errors("from", "Roundup <news@example.org>").containsKey("from"));
        assertTrue(errors("replyTo", "a@example.org, b@example.org").containsKey("replyTo"));
        assertTrue(errors("from", "news@localhost").containsKey("from"), "a mailable domain has a dot");
        assertEquals("News@example.org", SettingRules.check(Map.of("from", " News@Example.ORG ")).get(Setting.FROM));
    }

    @Test
    void zonesDaysTimesAndSizes() {
        assertTrue(errors("timeZone", "Mars/Olympus").containsKey("timeZone"));
        assertEquals("Europe/Berlin", SettingRules.check(Map.of("timeZone", "Europe/Berlin")).get(Setting.TIME_ZONE));
        assertTrue(errors("draftDay", "Someday").containsKey("draftDay"));
        assertEquals("FRIDAY", SettingRules.check(Map.of("draftDay", "fri")).get(Setting.DRAFT_DAY));
        assertEquals("off", SettingRules.check(Map.of("draftDay", "OFF")).get(Setting.DRAFT_DAY));
        assertTrue(errors("draftTime", "25:00").containsKey("draftTime"));
        assertEquals("07:05", SettingRules.check(Map.of("draftTime", "07:05")).get(Setting.DRAFT_TIME));
        assertTrue(errors("jobsSize", "101").containsKey("jobsSize"));
        assertTrue(errors("jobsSize", "-1").containsKey("jobsSize"));
        assertTrue(errors("jobsSize", "ten").containsKey("jobsSize"));
        assertEquals("0", SettingRules.check(Map.of("jobsSize", "0")).get(Setting.JOBS_SIZE));
        assertTrue(errors("intro", "x".repeat(5001)).get("intro").contains("5000"));
    }

    @Test
    void blankMeansTheDefaultAndMarkdownKeepsItsLines() {
        Map<Setting, String> values = SettingRules.check(Map.of("name", "  ", "intro", "Hi!\r\n\r\nMore."));
        assertTrue(values.containsKey(Setting.NAME));
        assertEquals(null, values.get(Setting.NAME));
        assertEquals("Hi!\n\nMore.", values.get(Setting.INTRO));
    }

    @Test
    void everyMistakeIsNamedAtOnce() {
        Map<String, String> errors = assertThrows(dev.roundup.Rejected.class,
                () -> SettingRules.check(Map.of("from", "x", "timeZone", "y", "name", "fine"))).errors();
        assertEquals(2, errors.size(), errors.toString());
    }
}
