package dev.roundup.testing;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Sends that only the test drives, one app start for the tests that race a send's parts against each other
 * ({@code SendRacesTest}, {@code WorkerStartTest}): the scheduler never ticks, claims are kept in the database (as on
 * PostgreSQL) with a short lease, a slow pace of few connections so that workers live while they are counted, and a
 * database of its own. The tests do not meet: each sends to readers of its own and cancels or finishes its send.
 */
public class HandDriven implements QuarkusTestProfile {

    /** How long a claim holds before another worker may take the rows over. */
    public static final Duration LEASE = Duration.ofSeconds(2);

    /** SMTP connections a send may use at once: at most this many workers. */
    public static final int CONNECTIONS = 4;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("roundup.send.check-every", "off", "roundup.send.claims", "database",
                "roundup.send.claim-lease", LEASE.toSeconds() + "s", "roundup.send.rate", "20", "roundup.send.batch-size", "5",
                "roundup.smtp.connections", String.valueOf(CONNECTIONS), "quarkus.datasource.jdbc.url", TestDatabases.fresh("hand_driven"));
    }
}
