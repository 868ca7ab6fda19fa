package dev.roundup.delivery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import dev.roundup.testing.PackagedApp;
import dev.roundup.testing.SmtpSink;
import dev.roundup.testing.TestDatabases;
import dev.roundup.testing.Sends;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The scale-out promise on PostgreSQL: two Roundup processes on one database send the same issue together
 * ({@code FOR UPDATE SKIP LOCKED}), each through its own relay, and no reader gets it twice or not at all; and a
 * worker whose claim was taken over while one message hung stops before its next message.
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
            long issueId = sendToReaders(a, "two", READERS);
            awaitDone(a, b, issueId);
            Map<String, Integer> copies = copies(relayA, relayB);
            long a1 = relayA.messageCount();
            long b1 = relayB.messageCount();
            System.out.printf("two instances: A sent %d, B sent %d, %d readers%n", a1, b1, copies.size());
            assertEquals(READERS, copies.size(), "every reader got the issue");
            assertTrue(copies.values().stream().allMatch(c -> c == 1), "nobody got it twice");
            assertTrue(a1 > READERS / 10 && b1 > READERS / 10, "both instances did a share of the work: A " + a1 + ", B " + b1);
        }
    }

    /**
     * One message hangs for 15 s, three times the 5 s lease: the rest of its worker's batch is claimed again by
     * another worker (of either instance) and sent. When the hung message is answered, its worker finds its claim
     * gone and sends nothing more of that batch, so only the hung message can reach its reader twice. The last
     * reader is greylisted once (retried after 25 s), so the send still runs when the hung message is answered.
     */
    @Test
    void aWorkerWhoseClaimWasTakenOverStopsBeforeItsNextMessage() throws Exception {
        String database = TestDatabases.fresh("fence");
        int readers = 800;
        String hung = "fence50@fence.example.org";
        String greylisted = "fence" + (readers - 1) + "@fence.example.org";
        AtomicBoolean held = new AtomicBoolean();
        AtomicBoolean refused = new AtomicBoolean();
        SmtpSink.Replies holdOnce = new SmtpSink.Replies() {
            @Override
            public String rcpt(String address, int attempt) {
                if (address.equals(greylisted) && refused.compareAndSet(false, true)) {
                    return "451 4.7.1 Greylisted, try again later";
                }
                if (address.equals(hung) && held.compareAndSet(false, true)) {
                    try {
                        Thread.sleep(15_000); // a relay stuck on one message, longer than the lease
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return "250 2.1.5 Ok";
            }
        };
        try (SmtpSink relayA = SmtpSink.countingOnly().answering(holdOnce); SmtpSink relayB = SmtpSink.countingOnly().answering(holdOnce);
                PackagedApp a = fenced(instance(Files.createTempDirectory("roundup-fa"), database, relayA));
                PackagedApp b = fenced(instance(Files.createTempDirectory("roundup-fb"), database, relayB))) {
            a.start();
            b.start();
            long issueId = sendToReaders(a, "fence", readers);
            awaitDone(a, b, issueId);
            assertTrue(held.get(), "the relay held one message");

            Map<String, Integer> copies = copies(relayA, relayB);
            Map<String, Integer> twice = new HashMap<>(copies);
            twice.values().removeIf(c -> c == 1);
            System.out.printf("fenced claims: %d readers, got it more than once: %s%n", copies.size(), twice);
            assertEquals(readers, copies.size(), "every reader got the issue");
            twice.remove(hung);
            assertEquals(Map.of(), twice, "only the hung message may have gone out twice");
        }
    }

    /** Imports {@code count} confirmed readers {@code <prefix><n>@<prefix>.example.org}, drafts an issue and sends it. */
    private static long sendToReaders(PackagedApp app, String prefix, int count) {
        api().contentType("text/csv").body(Sends.csv(Sends.readers(prefix, prefix + ".example.org", count))).post(app.url("/api/subscribers/import?mode=confirmed")).then().statusCode(200);
        long issueId = api().contentType(ContentType.JSON).body(Map.of("from", "2016-01-04", "to", "2016-01-11"))
                .post(app.url("/api/issues")).then().statusCode(201).extract().jsonPath().getLong("id");
        api().contentType(ContentType.JSON).post(app.url("/api/issues/" + issueId + "/send")).then().statusCode(200);
        return issueId;
    }

    private static void awaitDone(PackagedApp a, PackagedApp b, long issueId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        String state = "";
        while (!state.equals("done") && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            state = api().get(b.url("/api/issues/" + issueId + "/send")).then().extract().path("state");
        }
        assertEquals("done", state, a.log() + b.log());
    }

    /** How many copies each reader got, over both relays. */
    private static Map<String, Integer> copies(SmtpSink... relays) {
        Map<String, Integer> copies = new HashMap<>();
        for (SmtpSink relay : relays) {
            relay.received().forEach(m -> m.recipients().forEach(r -> copies.merge(r, 1, Integer::sum)));
        }
        return copies;
    }

    private static PackagedApp fenced(PackagedApp app) {
        return app.env("ROUNDUP_SEND_CLAIM_LEASE", "5s").env("ROUNDUP_SEND_RETRY_BACKOFF", "25s");
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
