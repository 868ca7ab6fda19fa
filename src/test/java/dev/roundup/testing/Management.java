package dev.roundup.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The test app's management interface (health, metrics, OpenAPI): its own port, a random one in tests, which
 * Quarkus publishes as {@code quarkus.management.test-port} once it listens.
 */
public final class Management {

    private Management() {
    }

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    /** An absolute address on the management interface, e.g. {@code url("/q/metrics")}. */
    public static String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }
}
