package dev.roundup.editor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/**
 * The signed sign-in cookie: who the editor is, until when, and a stamp of their password at sign-in, with an HMAC so
 * it cannot be forged or extended. Stateless, so any instance sharing the database accepts it; a session is accepted
 * only while the editor's password is the one it was issued under, so changing a password ends every other session.
 */
@ApplicationScoped
public class EditorSession {

    public static final String COOKIE = "roundup-session";
    private static final String PURPOSE = "editor-session";
    private static final String STAMP = "editor-password-stamp";

    @Inject
    Secrets secrets;

    @Inject
    EditorConfig config;

    @Inject
    RoundupConfig roundup;

    /** A signed session for this editor, expiring after the configured timeout, issued under a password (its stamp). */
    public record Session(String email, Instant expires, String passwordStamp) {
        boolean needsRenewal(java.time.Duration timeout) {
            return Instant.now().plus(timeout.dividedBy(2)).isAfter(expires);
        }
    }

    /** A session for an editor who has just proved who they are (signed in, or changed their password). */
    public Cookie issue(Editor editor) {
        return issue(editor.email, stamp(editor.passwordHash));
    }

    /** The same session with a later expiry. */
    Cookie renewed(Session session) {
        return issue(session.email(), session.passwordStamp());
    }

    private Cookie issue(String email, String passwordStamp) {
        Instant expires = Instant.now().plus(config.sessionTimeout());
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(StandardCharsets.UTF_8))
                + "." + expires.getEpochSecond() + "." + passwordStamp;
        return cookie(payload + "." + secrets.sign(PURPOSE, payload), config.sessionTimeout().toSeconds());
    }

    /**
     * Whether the session's editor still exists and has the password it was issued under. Reads the database, so it
     * runs on a worker thread.
     */
    boolean isCurrent(Session session) {
        return QuarkusTransaction.requiringNew().call(() -> Editor.findByEmail(session.email())
                .map(editor -> MessageDigest.isEqual(stamp(editor.passwordHash).getBytes(StandardCharsets.US_ASCII),
                        session.passwordStamp().getBytes(StandardCharsets.US_ASCII)))
                .orElse(false));
    }

    /** Names the password without revealing anything about it: a keyed hash of its bcrypt hash, shortened. */
    private String stamp(String passwordHash) {
        return secrets.sign(STAMP, passwordHash).substring(0, 16);
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
            String[] parts = payload.split("\\.");
            if (parts.length != 3) {
                return Optional.empty(); // a session from before password stamps: sign in again
            }
            String email = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            return expires.isAfter(Instant.now()) ? Optional.of(new Session(email, expires, parts[2])) : Optional.empty();
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
