package dev.roundup.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import dev.roundup.Secrets;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * A one-time message carried across the redirect that follows a form post ("Editor added."), shown once by
 * the next page. Signed, so another site cannot plant text on our pages. Templates read {@code inject:flash.message},
 * and {@code inject:flash.kind} for its style: a notice, a {@link Kind#WARNING warning} or an {@link Kind#ERROR error}.
 */
@Named("flash")
@ApplicationScoped
public class Flash {

    private static final String COOKIE = "roundup-flash";
    private static final String PURPOSE = "flash";
    private static final String ATTRIBUTE = "roundup.flash";
    private static final String KIND_ATTRIBUTE = "roundup.flash-kind";

    /** How a message is styled: a notice (it went as asked), a warning (it went, but look), an error (it did not go). */
    public enum Kind {
        NOTICE, WARNING, ERROR;

        /** The CSS class beside {@code flash}. */
        public String label() {
            return name().toLowerCase();
        }
    }

    @Inject
    Secrets secrets;

    @Inject
    CurrentVertxRequest current;

    /** Shows {@code message} on the next page this browser opens. */
    public void set(String message) {
        set(Kind.NOTICE, message);
    }

    /** Shows {@code message} as a warning: done, but something needs the editor's eye. */
    public void warning(String message) {
        set(Kind.WARNING, message);
    }

    /** Shows {@code message} as an error: nothing was done. */
    public void error(String message) {
        set(Kind.ERROR, message);
    }

    private void set(Kind kind, String message) {
        String value = kind.label() + ":" + URLEncoder.encode(message, StandardCharsets.UTF_8);
        current.getCurrent().response().addCookie(Cookie.cookie(COOKIE, value + "." + secrets.sign(PURPOSE, value))
                .setPath("/").setHttpOnly(true).setMaxAge(60));
    }

    /** The message for this page, or null. */
    public String message() {
        RoutingContext rc = current.getCurrent();
        return rc == null ? null : rc.get(ATTRIBUTE);
    }

    /** The style of this page's message: {@code notice}, {@code warning} or {@code error}. */
    public String kind() {
        RoutingContext rc = current.getCurrent();
        String kind = rc == null ? null : rc.get(KIND_ATTRIBUTE);
        return kind == null ? Kind.NOTICE.label() : kind;
    }

    void register(@Observes Filters filters) {
        filters.register(this::take, 90);
    }

    void take(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        if (cookie != null && "GET".equals(rc.request().method().name()) && !rc.normalizedPath().startsWith("/static/")) {
            String raw = cookie.getValue();
            int dot = raw.lastIndexOf('.');
            int colon = raw.indexOf(':');
            if (dot > 0 && colon > 0 && colon < dot && secrets.verify(PURPOSE, raw.substring(0, dot), raw.substring(dot + 1))) {
                rc.put(KIND_ATTRIBUTE, Kind.valueOf(raw.substring(0, colon).toUpperCase()).label());
                rc.put(ATTRIBUTE, URLDecoder.decode(raw.substring(colon + 1, dot), StandardCharsets.UTF_8));
            }
            rc.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0));
        }
        rc.next();
    }
}
