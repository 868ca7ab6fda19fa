package dev.roundup.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** How pages show values: {@code {editor.lastLoginAt.shortUtc}}. */
@TemplateExtension
public class Formats {

    private static final DateTimeFormatter SHORT_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static String shortUtc(Instant instant) {
        return instant == null ? "" : SHORT_UTC.format(instant);
    }
}
