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
 * the next page, styled by its {@link Kind}. Signed, so another site cannot plant text on our pages. Templates read
 * {@code inject:flash.message} and {@code inject:flash.kind}.
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

    /** What a message tells: that something worked, that it did not, or that it worked with something to look at. */
    public enum Kind {
        SUCCESS, ERROR, WARNING;

        /** The CSS class and the word templates compare with. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Shows {@code message}, a success, on the next page this browser opens. */
    public void set(String message) {
        set(Kind.SUCCESS, message);
    }

    /** Shows {@code message} as an error on the next page this browser opens. */
    public void error(String message) {
        set(Kind.ERROR, message);
    }

    /** Shows {@code message} as a warning on the next page this browser opens. */
    public void warning(String message) {
        set(Kind.WARNING, message);
    }

    /** Shows {@code message} of the given kind on the next page this browser opens. */
    public void set(Kind kind, String message) {
        String value = URLEncoder.encode(kind.label() + ":" + message, StandardCharsets.UTF_8);
        current.getCurrent().response().addCookie(Cookie.cookie(COOKIE, value + "." + secrets.sign(PURPOSE, value))
                .setPath("/").setHttpOnly(true).setMaxAge(60));
    }

    /** Shows {@code message} on the page this request renders (an answer that is not a redirect, such as a 400). */
    public void now(Kind kind, String message) {
        current.getCurrent().put(ATTRIBUTE, kind.label() + ":" + message);
    }

    /** The message for this page, or null. */
    public String message() {
        String raw = raw();
        return raw == null ? null : raw.substring(raw.indexOf(':') + 1);
    }

    /** The kind of this page's message ({@code success}, {@code error}, {@code warning}), or null. */
    public String kind() {
        String raw = raw();
        return raw == null ? null : raw.substring(0, raw.indexOf(':'));
    }

    private String raw() {
        RoutingContext rc = current.getCurrent();
        String raw = rc == null ? null : rc.get(ATTRIBUTE);
        return raw == null || raw.indexOf(':') < 0 ? null : raw;
    }

    void register(@Observes Filters filters) {
        filters.register(this::take, 90);
    }

    void take(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        if (cookie != null && "GET".equals(rc.request().method().name()) && !rc.normalizedPath().startsWith("/static/")
                && !FeedAnswers.isFeed(rc.normalizedPath())) {
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
