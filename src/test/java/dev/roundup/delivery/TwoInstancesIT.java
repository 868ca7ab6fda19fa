package dev.roundup.delivery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import dev.roundup.testing.PackagedApp;
import dev.roundup.testing.SmtpSink;
import dev.roundup.testing.TestDatabases;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The scale-out promise on PostgreSQL: two Roundup processes on one database send the same issue together
 * ({@code FOR UPDATE SKIP LOCKED}), each through its own relay, and no reader gets it twice or not at all.
 */
@EnabledIfEnvironmentVariable(named = "ROUNDUP_DB_KIND", matches = "postgresql", disabledReason = "several instances need PostgreSQL")
class TwoInstancesIT {

    static final int READERS = 3000;

    @Test
    void twoInstancesShareOneSendWithoutSendingAnyoneTwice() throws Exception {
        String database = TestDatabases.fresh("two");
        try (SmtpSink relayA = SmtpSink.countingOnly(); SmtpSink relayB = SmtpSink.countingOnly();
                PackagedApp a = instance(Files.createTempDirectory("roundup-a"), database, relayA);
                PackagedApp b = instance(Files.createTempDirectory("roundup-b"), database, relayB)) {
            a.start();
            b.start();
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < READERS; i++) {
                csv.append("two").append(i).append("@two.example.org\n");
            }
            api().contentType("text/csv").body(csv.toString()).post(a.url("/api/subscribers/import?mode=confirmed")).then().statusCode(200);
            long issueId = api().contentType(ContentType.JSON).body(Map.of("from", "2016-01-04", "to", "2016-01-11"))
                    .post(a.url("/api/issues")).then().statusCode(201).extract().jsonPath().getLong("id");
            api().contentType(ContentType.JSON).post(a.url("/api/issues/" + issueId + "/send")).then().statusCode(200);

            long deadline = System.currentTimeMillis() + 120_000;
            String state = "";
            while (!state.equals("done") && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                state = api().get(b.url("/api/issues/" + issueId + "/send")).then().extract().path("state");
            }
            assertEquals("done", state, a.log() + b.log());

            Map<String, Integer> copies = new HashMap<>();
            for (SmtpSink relay : new SmtpSink[] {relayA, relayB}) {
                relay.received().forEach(m -> m.recipients().forEach(r -> copies.merge(r, 1, Integer::sum)));
            }
            long a1 = relayA.messageCount();
            long b1 = relayB.messageCount();
            System.out.printf("two instances: A sent %d, B sent %d, %d readers%n", a1, b1, copies.size());
            assertEquals(READERS, copies.size(), "every reader got the issue");
            assertTrue(copies.values().stream().allMatch(c -> c == 1), "nobody got it twice");
            assertTrue(a1 > READERS / 10 && b1 > READERS / 10, "both instances did a share of the work: A " + a1 + ", B " + b1);
        }
    }

    private static PackagedApp instance(Path dataDir, String database, SmtpSink relay) throws Exception {
        return new PackagedApp(dataDir).env("ROUNDUP_DB_URL", database)
                .env("ROUNDUP_ADMIN_EMAIL", "two@example.org").env("ROUNDUP_ADMIN_PASSWORD", "two-instances-password")
                .env("ROUNDUP_SMTP_HOST", "127.0.0.1").env("ROUNDUP_SMTP_PORT", String.valueOf(relay.port())).env("ROUNDUP_SMTP_TLS", "none")
                .env("ROUNDUP_SEND_RATE", "300").env("ROUNDUP_SEND_CHECK_EVERY", "1s")
                .env("ROUNDUP_ISSUES_DRAFT_CRON", "off").env("ROUNDUP_FEEDS_CHECK_EVERY", "off");
    }

    private static RequestSpecification api() {
        return given().auth().preemptive().basic("two@example.org", "two-instances-password").header("X-Requested-By", "two-instances-test");
    }
}
