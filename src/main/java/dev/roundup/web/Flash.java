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
 * the next page. Signed, so another site cannot plant text on our pages. Templates read {@code inject:flash.message}.
 */
@Named("flash")
@ApplicationScoped
public class Flash {

    private static final String COOKIE = "roundup-flash";
    private static final String PURPOSE = "flash";
    private static final String ATTRIBUTE = "roundup.flash";

    @Inject
    Secrets secrets;

    @Inject
    CurrentVertxRequest current;

    /** Shows {@code message} on the next page this browser opens. */
    public void set(String message) {
        String value = URLEncoder.encode(message, StandardCharsets.UTF_8);
        current.getCurrent().response().addCookie(Cookie.cookie(COOKIE, value + "." + secrets.sign(PURPOSE, value))
                .setPath("/").setHttpOnly(true).setMaxAge(60));
    }

    /** The message for this page, or null. */
    public String message() {
        RoutingContext rc = current.getCurrent();
        return rc == null ? null : rc.get(ATTRIBUTE);
    }

    void register(@Observes Filters filters) {
        filters.register(this::take, 90);
    }

    void take(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        if (cookie != null && "GET".equals(rc.request().method().name()) && !rc.normalizedPath().startsWith("/static/")) {
            String raw = cookie.getValue();
            int dot = raw.lastIndexOf('.');
            if (dot > 0 && secrets.verify(PURPOSE, raw.substring(0, dot), raw.substring(dot + 1))) {
                rc.put(ATTRIBUTE, URLDecoder.decode(raw.substring(0, dot), StandardCharsets.UTF_8));
            }
            rc.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0));
        }
        rc.next();
    }
}
