package dev.roundup.enrichment;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The production guard for enrichment tests: private addresses refused, except 127.0.0.2, which plays the public
 * blogs; 127.0.0.1 plays the machine's own network. No scheduled pass: the tests run it when they want it.
 */
public class GuardedEnrichment implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("roundup.feeds.allow-private-addresses", "false", "roundup.feeds.allowed-addresses", "127.0.0.2",
                "roundup.enrichment.batch", "100");
    }
}
