package dev.roundup.web;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The hardening headers every answer on the public port carries, set in one place just before the headers go out,
 * so pages, API answers, static files and error pages alike get them.
 * <ul>
 * <li>{@code X-Content-Type-Options: nosniff}: a browser takes each answer as the type it says it is.</li>
 * <li>{@code Referrer-Policy: strict-origin-when-cross-origin}: a linked blog sees that a reader came from this
 * site, never the path, so a token in an address (unsubscribe, confirmation) does not leave it.</li>
 * <li>{@code Content-Security-Policy}: see {@link #PAGES} and {@link #EMAIL_PREVIEW}.</li>
 * <li>{@code Cache-Control: no-store} where answers carry personal data: editor pages, the API, the
 * unsubscribe and confirmation pages, which show a subscriber's address, the sign-in, sign-up and submission pages,
 * whose answers echo what was typed, and every answer to a POST, PUT or DELETE.</li>
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

    /**
     * Every page: scripts, styles, frames and requests from this site only (the pages use no inline script or style;
     * scripts are static files); images from anywhere on the web, because an issue's sponsor image is a link the
     * editor pasted; never framed by another site (clickjacking).
     */
    static final String PAGES = "default-src 'self'; img-src 'self' https: http: data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * The email preview, framed by the preview page: an email's HTML carries its style inline (mail clients
     * need it so), so inline styles are allowed here and nothing else: no script at all, images from anywhere,
     * framed only by Roundup's own pages.
     */
    static final String EMAIL_PREVIEW = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private static final Pattern EMAIL_PREVIEW_PATH = Pattern.compile("/editor/issues/[^/]+/preview/email");
    private static final Pattern PERSONAL = Pattern.compile("/(editor|api|login|logout|subscribe|submit)(/.*)?|/unsubscribe/.*|/confirm/.*");

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, 200);
    }

    void addHeaders(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean change = !"GET".equals(rc.request().method().name()) && !"HEAD".equals(rc.request().method().name());
        rc.addHeadersEndHandler(ignored -> {
            MultiMap headers = rc.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
            headers.set("Content-Security-Policy", EMAIL_PREVIEW_PATH.matcher(path).matches() ? EMAIL_PREVIEW : PAGES);
            if (change || PERSONAL.matcher(path).matches()) {
                headers.set("Cache-Control", "no-store");
            }
        });
        rc.next();
    }
}
