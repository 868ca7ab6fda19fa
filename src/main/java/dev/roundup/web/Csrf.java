package dev.roundup.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * Cross-site request forgery protection by signed double-submit cookie: every browser gets a random token in a
 * cookie, every form carries it back in the {@value #FIELD} field (or the {@value #HEADER} header for scripted
 * requests), and {@link CsrfCheck} refuses a state change whose two copies differ. Templates read the token
 * as {@code inject:csrf.token}.
 */
@Named("csrf")
@ApplicationScoped
public class Csrf {

    public static final String COOKIE = "roundup-csrf";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final String PURPOSE = "csrf";
    private static final String ATTRIBUTE = "roundup.csrf";

    @Inject
    Secrets secrets;

    @Inject
    RoundupConfig config;

    @Inject
    CurrentVertxRequest current;

    void register(@Observes Filters filters) {
        filters.register(this::ensureToken, 100);
    }

    /** Gives every browser a token before any page renders, so each form can carry it. */
    void ensureToken(RoutingContext rc) {
        String path = rc.normalizedPath();
        String method = rc.request().method().name();
        boolean pageView = method.equals("GET") || method.equals("HEAD");
        if (path.startsWith("/static/") || path.startsWith("/q/") || path.startsWith("/api/") || FeedAnswers.isFeed(path)) {
            rc.next();
            return;
        }
        Cookie cookie = rc.request().getCookie(COOKIE);
        String token = cookie == null ? null : cookie.getValue();
        if (!isAuthentic(token)) {
            if (!pageView) {
                // a post never mints a token: one-click unsubscribe must answer without setting cookies
                rc.next();
                return;
            }
            String random = Secrets.randomToken(24);
            token = random + "." + secrets.sign(PURPOSE, random);
            rc.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                    .setSecure(config.secure()).setSameSite(CookieSameSite.LAX));
        }
        rc.put(ATTRIBUTE, token);
        rc.next();
    }

    /** The token of the current request, for a hidden form field. */
    public String token() {
        RoutingContext rc = current.getCurrent();
        return rc == null ? "" : rc.get(ATTRIBUTE);
    }

    /** Whether the token sent with a form matches this browser's cookie. Constant time. */
    boolean matches(String cookieToken, String sentToken) {
        if (!isAuthentic(cookieToken) || sentToken == null) {
            return false;
        }
        return MessageDigest.isEqual(cookieToken.getBytes(StandardCharsets.UTF_8), sentToken.getBytes(StandardCharsets.UTF_8));
    }

    private boolean isAuthentic(String token) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        return dot > 0 && secrets.verify(PURPOSE, token.substring(0, dot), token.substring(dot + 1));
    }
}
