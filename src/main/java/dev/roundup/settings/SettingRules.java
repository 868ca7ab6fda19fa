package dev.roundup.settings;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.roundup.EmailAddress;
import dev.roundup.Rejected;
import dev.roundup.TextRules;
import dev.roundup.roundup.DraftSchedule;
import dev.roundup.roundup.DraftSections;

/**
 * The one place that says what each setting may hold. A blank value means "use the configured default". Names and
 * addresses are one line by {@link TextRules} (they go into mail headers), addresses are what {@link EmailAddress} accepts, the time
 * zone is one {@link ZoneId} knows, the day and time parse, sizes are between 0 and {@link DraftSections#MAX_SIZE}, a switch is on or off.
 */
final class SettingRules {

    private SettingRules() {
    }

    /**
     * The values to store for the settings the form or body holds (blank → null, "use the default"); settings it
     * does not mention are left out. Throws {@link Rejected} naming every field that broke its rule.
     */
    static Map<Setting, String> check(Map<String, String> raw) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<String, String> errors = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            if (!raw.containsKey(s.key)) {
                continue;
            }
            String value = raw.get(s.key);
            try {
                values.put(s, value == null || value.isBlank() ? null : checked(s, value));
            } catch (IllegalArgumentException mistake) {
                errors.put(s.key, s.label + ": " + mistake.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        return values;
    }

    private static String checked(Setting s, String value) {
        String v = s.kind == Setting.Kind.TEXT ? value.strip().replace("\r\n", "\n") : value.strip();
        if (s.kind != Setting.Kind.TEXT && TextRules.breaksLine(v)) {
            throw new IllegalArgumentException("must be one line.");
        }
        if (!(s.kind == Setting.Kind.TEXT ? TextRules.isPlainText(v) : TextRules.isOneLine(v))) {
            throw new IllegalArgumentException("holds a control character.");
        }
        if (s.maxLength > 0 && v.length() > s.maxLength) {
            throw new IllegalArgumentException("at most " + s.maxLength + " characters.");
        }
        return switch (s.kind) {
            case LINE, TEXT -> v;
            case ADDRESS -> EmailAddress.parse(v).map(EmailAddress::display)
                    .orElseThrow(() -> new IllegalArgumentException("give one email address, such as news@example.org."));
            case SIZE -> String.valueOf(size(v));
            case DAY -> "off".equalsIgnoreCase(v) ? "off" : DraftSchedule.day(v).name();
            case TIME -> DraftSchedule.time(v).toString();
            case ZONE -> zone(v).getId();
            case SWITCH -> onOff(v);
        };
    }

    private static int size(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= DraftSections.MAX_SIZE) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException("give a whole number from 0 to " + DraftSections.MAX_SIZE + ".");
    }

    private static String onOff(String v) {
        if (v.equalsIgnoreCase("on") || v.equalsIgnoreCase("off")) {
            return v.toLowerCase(java.util.Locale.ROOT);
        }
        throw new IllegalArgumentException("give on or off.");
    }

    private static ZoneId zone(String v) {
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("give a time zone such as Europe/Berlin or UTC.");
        }
    }
}
