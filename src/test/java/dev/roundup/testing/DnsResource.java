package dev.roundup.testing;

import java.net.SocketException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the DNS lookups of the tests on {@link ScriptedRelay} ({@code roundup.dns.server}) at a {@link DnsServer} in the test JVM. */
public class DnsResource implements QuarkusTestResourceLifecycleManager {

    private static DnsServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = new DnsServer();
        } catch (SocketException e) {
            throw new IllegalStateException("could not start the test DNS server", e);
        }
        return Map.of("roundup.dns.server", "127.0.0.1:" + server.port(), "roundup.dns.timeout", "400ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    public static DnsServer server() {
        return server;
    }
}
