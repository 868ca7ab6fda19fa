package dev.roundup.testing;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Prometheus samples from a management interface's {@code /q/metrics}, as a scraper would: the sum of every
 * sample of a metric whose labels include the given ones.
 */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");

    private Metrics() {
    }

    /** The test app's value of {@code name} (e.g. {@code roundup_signups_total}) over samples carrying {@code labels}. */
    public static double value(String name, String... labels) {
        return in(scrape(), name, labels);
    }

    /** The same, from a scrape already read; {@code labels} as {@code key="value"}. 0 when no sample matches. */
    public static double in(String scrape, String name, String... labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find() && m.group(1).equals(name)) {
                String tags = m.group(2) == null ? "" : m.group(2);
                if (Arrays.stream(labels).allMatch(tags::contains)) {
                    sum += Double.parseDouble(m.group(3));
                }
            }
        }
        return sum;
    }

    /** One scrape of the test app's metrics. */
    public static String scrape() {
        return given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
    }

    /** Whether the scrape has the metric at all (a gauge at 0 still counts). */
    public static boolean has(String scrape, String name) {
        return Arrays.stream(scrape.split("\n")).anyMatch(l -> l.startsWith(name + " ") || l.startsWith(name + "{"));
    }
}
