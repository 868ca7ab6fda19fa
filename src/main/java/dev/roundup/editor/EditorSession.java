package dev.roundup.editor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/**
 * The signed sign-in cookie: who the editor is and until when, with an HMAC so it cannot be forged or extended.
 * Stateless, so any instance sharing the database accepts it.
 */
@ApplicationScoped
public class EditorSession {

    public static final String COOKIE = "roundup-session";
    private static final String PURPOSE = "editor-session";

    @Inject
    Secrets secrets;

    @Inject
    EditorConfig config;

    @Inject
    RoundupConfig roundup;

    /** A signed session for this editor, expiring after the configured timeout. */
    public record Session(String email, Instant expires) {
        boolean needsRenewal(java.time.Duration timeout) {
            return Instant.now().plus(timeout.dividedBy(2)).isAfter(expires);
        }
    }

    public Cookie issue(String email) {
        Instant expires = Instant.now().plus(config.sessionTimeout());
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(StandardCharsets.UTF_8))
                + "." + expires.getEpochSecond();
        return cookie(payload + "." + secrets.sign(PURPOSE, payload), config.sessionTimeout().toSeconds());
    }

    public Cookie cleared() {
        return cookie("", 0);
    }

    /** The session carried by a cookie value, if it is authentic and not expired. */
    public Optional<Session> read(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int last = value.lastIndexOf('.');
        if (last <= 0) {
            return Optional.empty();
        }
        String payload = value.substring(0, last);
        if (!secrets.verify(PURPOSE, payload, value.substring(last + 1))) {
            return Optional.empty();
        }
        try {
            int dot = payload.indexOf('.');
            String email = new String(Base64.getUrlDecoder().decode(payload.substring(0, dot)), StandardCharsets.UTF_8);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(payload.substring(dot + 1)));
            return expires.isAfter(Instant.now()) ? Optional.of(new Session(email, expires)) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    boolean needsRenewal(Session session) {
        return session.needsRenewal(config.sessionTimeout());
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSecure(roundup.secure())
                .setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds);
    }
}
