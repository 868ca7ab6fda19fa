package dev.roundup;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Warns at start when the links Roundup mails would not reach it: the base URL names this machine
 * ({@code localhost}) on a port other than the one Roundup listens on, as when only {@code quarkus.http.port} was
 * changed. Every confirmation and unsubscribe link would point at the wrong port; {@code ROUNDUP_BASE_URL} fixes it.
 */
@ApplicationScoped
public class BaseUrlCheck {

    private static final Logger LOG = Logger.getLogger(BaseUrlCheck.class);

    private static final Set<String> THIS_MACHINE = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    @Inject
    RoundupConfig config;

    /** The port the app listens on (a test's random port is not known here, and tests link to localhost:8080 on purpose). */
    @ConfigProperty(name = "quarkus.http.port")
    int port;

    void started(@Observes StartupEvent start) {
        warn(config.baseUrl(), port);
    }

    /** Logs the warning for links to {@code base} from an HTTP server listening on {@code port}, when there is one. */
    static void warn(URI base, int port) {
        warning(base, port).ifPresent(LOG::warn);
    }

    /** The rule: a base URL on this machine must name the port the app listens on (0: not known yet, no warning). */
    static Optional<String> warning(URI base, int port) {
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        if (port <= 0 || !THIS_MACHINE.contains(host)) {
            return Optional.empty();
        }
        int linked = base.getPort() != -1 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
        if (linked == port) {
            return Optional.empty();
        }
        return Optional.of("Roundup listens on port " + port + " but its links (confirmation, unsubscribe, archive) point at "
                + base + ". Set ROUNDUP_BASE_URL to the address readers use, e.g. ROUNDUP_BASE_URL=http://localhost:" + port
                + " or https://news.example.org.");
    }
}
