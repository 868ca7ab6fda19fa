package dev.roundup.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * A request to {@code /api} whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} gets a
 * 413 {@link Problem}, and the connection is closed without reading the body. Quarkus refuses the same request a
 * step later (its upload-limit route) with an empty 413; this answers first, so that a script learns why in the API's
 * own terms. The sign-in is checked before either (a request without one gets the 401 problem). Pages keep Quarkus'
 * answer; a chunked body with no length is cut off by Quarkus as it is read.
 */
@ApplicationScoped
public class BodyLimit {

    @Inject
    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void register(@Observes Filters filters) {
        // after SecurityHeaders (200), so the answer carries them; after the sign-in (build-time filters) and before
        // the authorization and CSRF filters (100) and Quarkus' own limit (route order -2)
        filters.register(this::refuseTooLarge, 99);
    }

    void refuseTooLarge(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        String path = rc.normalizedPath();
        if (length == null || !Problem.isApi(path) || !tooLarge(length)) {
            rc.next();
            return;
        }
        String body = new Problem(413, Problem.titleFor(413), "The request body is " + length + " bytes; this server takes at most "
                + maxBodySize.asLongValue() + " (quarkus.http.limits.max-body-size).", null).json();
        rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE.toString()).putHeader("Connection", "close")
                .endHandler(done -> rc.request().connection().close());
        rc.response().end(body);
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException notANumber) {
            return false; // Vert.x refuses a broken Content-Length itself
        }
    }
}
