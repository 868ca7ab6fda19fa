package dev.roundup.delivery;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.roundup.testing.FeedServer;
import dev.roundup.testing.PackagedApp;
import dev.roundup.testing.SmtpSink;
import dev.roundup.testing.TestDatabases;
import dev.roundup.testing.Sends;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged app as the send benchmarks run it: one editor, SMTP into a sink, an issue of 12 posts a week, N
 * confirmed readers. With {@code ROUNDUP_DB_KIND=postgresql} (and a package built for it) on a database of its own,
 * made fresh and dropped after, whose backends' CPU it can read; otherwise on an H2 file in a fresh data folder.
 */
final class BenchmarkApp {

    /** JVM options for the app, space-separated, e.g. {@code -Dsend.jvm="-Xmx256m"}. */
    static final String JVM = System.getProperty("send.jvm", "");
    static final boolean POSTGRESQL = "postgresql".equals(System.getenv("ROUNDUP_DB_KIND"));

    private BenchmarkApp() {
    }

    /** A fresh database for the apps of one run: on PostgreSQL {@code <ROUNDUP_DB_URL's name>_<suffix>}, else null (H2). */
    static String database(String suffix) {
        return POSTGRESQL ? TestDatabases.fresh(suffix) : null;
    }

    /** Drops a database made by {@link #database}, once its apps are stopped. */
    static void drop(String database) throws SQLException {
        if (database == null) {
            return;
        }
        try (Connection c = server(); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + database.substring(database.lastIndexOf('/') + 1));
        }
    }

    /** An app (not yet started) sending into {@code sink} over {@code connections} connections, on {@code database}. */
    static PackagedApp app(SmtpSink sink, String database, int connections, int perConnection) throws Exception {
        PackagedApp app = new PackagedApp(Files.createTempDirectory("roundup-bench"));
        for (String option : JVM.split(" ")) {
            if (!option.isBlank()) {
                app.jvm(option);
            }
        }
        if (database != null) {
            app.env("ROUNDUP_DB_URL", database);
        }
        app.env("ROUNDUP_ADMIN_EMAIL", "bench@example.org").env("ROUNDUP_ADMIN_PASSWORD", "bench-password-123")
                .env("ROUNDUP_SMTP_HOST", "127.0.0.1").env("ROUNDUP_SMTP_PORT", String.valueOf(sink.port())).env("ROUNDUP_SMTP_TLS", "none")
                .env("ROUNDUP_SMTP_CONNECTIONS", String.valueOf(connections)).env("ROUNDUP_SMTP_MESSAGES_PER_CONNECTION", String.valueOf(perConnection))
                .env("ROUNDUP_SEND_CHECK_EVERY", "1s").env("ROUNDUP_ISSUES_DRAFT_CRON", "off").env("ROUNDUP_FEEDS_CHECK_EVERY", "off")
                .env("ROUNDUP_FEEDS_ALLOW_PRIVATE_ADDRESSES", "true");
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("send.env.")).forEach(k -> app.env(k.substring(9), System.getProperty(k)));
        return app;
    }

    /** Gives the started app a feed of 12 posts for each of the weeks of issues {@code 0} to {@code issues - 1}. */
    static void addFeeds(PackagedApp app, FeedServer feeds, int issues) {
        for (int issue = 0; issue < issues; issue++) {
            feeds.serve("/feed-" + issue + ".xml", "application/rss+xml", rss(week(issue)).getBytes(StandardCharsets.UTF_8));
            api().contentType(ContentType.JSON).body(Map.of("url", feeds.url("/feed-" + issue + ".xml"))).post(app.url("/api/feeds")).then().statusCode(201);
        }
    }

    /** Imports {@code readers} confirmed subscribers. */
    static void importReaders(PackagedApp app, int readers) {
        api().contentType("text/csv").body(Sends.csv(Sends.readers("reader", "bench.example.org", readers))).post(app.url("/api/subscribers/import?mode=confirmed")).then().statusCode(200);
    }

    /** Creates the {@code issue}-th issue, of its own week; returns its id. */
    static long createIssue(PackagedApp app, int issue) {
        LocalDate from = week(issue);
        return api().contentType(ContentType.JSON).body(Map.of("from", from.toString(), "to", from.plusDays(7).toString()))
                .post(app.url("/api/issues")).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Asks the app to send an issue now (it creates the delivery rows before it answers). */
    static void send(PackagedApp app, long issueId) {
        api().contentType(ContentType.JSON).post(app.url("/api/issues/" + issueId + "/send")).then().statusCode(200);
    }

    /** The send's state as the API shows it: running, paused, done... */
    static String sendState(PackagedApp app, long issueId) {
        return api().get(app.url("/api/issues/" + issueId + "/send")).then().extract().path("state");
    }

    static RequestSpecification api() {
        return given().auth().preemptive().basic("bench@example.org", "bench-password-123").header("X-Requested-By", "send-benchmark");
    }

    /** The week of the {@code issue}-th send: a year apart, so each issue has its own 12 posts. */
    private static LocalDate week(int issue) {
        return LocalDate.of(2016, 2, 1).minusYears(issue);
    }

    /** 12 posts in the week from {@code week}. */
    private static String rss(LocalDate week) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench blog</title><link>https://bench.example.org/</link>");
        DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ENGLISH);
        for (int i = 0; i < 12; i++) {
            s.append("<item><title>A post worth reading, number ").append(i).append("</title><link>https://bench.example.org/")
                    .append(week.getYear()).append("/post/").append(i).append("</link><pubDate>")
                    .append(rfc1123.format(week.plusDays(i % 6).atTime(9, i).atOffset(ZoneOffset.UTC))).append("</pubDate><description>")
                    .append("Some thoughts on Django, deployment and the community. ".repeat(10)).append("</description></item>");
        }
        return s.append("</channel></rss>").toString();
    }

    /** A process's CPU time (user + system, all threads) in clock ticks, 100 a second on Linux; 0 once it is gone. */
    static long cpuTicks(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst(".*\\) ", "").split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception gone) {
            return 0;
        }
    }

    /**
     * The CPU ticks of each PostgreSQL backend connected to {@code database} now, by process id: the database's work
     * for the app, which happens outside the app's process. Empty on H2, whose work is inside the app's.
     */
    static Map<Long, Long> databaseCpuTicks(String database) throws SQLException {
        Map<Long, Long> ticks = new HashMap<>();
        if (database == null) {
            return ticks;
        }
        try (Connection c = server(); PreparedStatement select = c.prepareStatement("select pid from pg_stat_activity where datname = ?")) {
            select.setString(1, database.substring(database.lastIndexOf('/') + 1));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long pid = rows.getLong(1);
                    ticks.put(pid, cpuTicks(pid));
                }
            }
        }
        return ticks;
    }

    /** The ticks the backends in {@code after} used since {@code before} (a backend opened since started at 0). */
    static long ticksBetween(Map<Long, Long> before, Map<Long, Long> after) {
        return after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }

    private static Connection server() throws SQLException {
        String url = System.getenv("ROUNDUP_DB_URL");
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres", System.getenv().getOrDefault("ROUNDUP_DB_USER", "postgres"),
                System.getenv().getOrDefault("ROUNDUP_DB_PASSWORD", ""));
    }
}
