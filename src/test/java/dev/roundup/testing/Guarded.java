package dev.roundup.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An instance set up as production guards it, one app start for the tests of those guards: behind a proxy
 * (forwarding on, only 127.0.0.1 trusted), tight limits per client address (3 sign-ups and 2 submissions an hour),
 * and feed URLs refused on private addresses except 127.0.0.2 (a stand-in for an allowed intranet server). The guards
 * do not meet: requests from the tests without {@code X-Forwarded-For} come from 127.0.0.1, and only the limits' tests
 * sign up or submit from there. The fuzz ({@code UserMistakesFuzzTest}) sends each request from an address of its own
 * in 198.18.0.0/15, so no limit it fills is one another test counts on, and no limit stands in its way. A database of
 * its own keeps what the fuzz saves away from the default profile's tests.
 */
public class Guarded implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
                "roundup.subscribers.signups-per-ip-per-hour", "3", "roundup.listings.submissions-per-ip-per-hour", "2",
                "roundup.feeds.allow-private-addresses", "false", "roundup.feeds.allowed-addresses", "127.0.0.2",
                // a database of its own: the fuzz changes the newsletter's settings, which the default profile's tests read
                "quarkus.datasource.jdbc.url", TestDatabases.fresh("guarded"));
    }
}
