package dev.roundup.editor;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.roundup.RoundupConfig;
import dev.roundup.web.SessionCookie;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The sign-in cookie and the session it names. The cookie carries a random secret; the database keeps its hash in
 * {@code editor_session}. So signing out (deleting the row) ends the session on every instance sharing the database,
 * a copied cookie is worthless afterwards, and changing a password or disabling an editor can end every session.
 */
@ApplicationScoped
public class EditorSession {

    public static final String COOKIE = SessionCookie.NAME;
    private static final String PREFIX = "rse_";

    @Inject
    EditorConfig config;

    @Inject
    RoundupConfig roundup;

    /** A live session: its editor (who may since have been disabled), its id, and whether it was just renewed. */
    public record Live(Editor editor, String id, boolean renewed) {
    }

    /** A new session for an editor who has just proved who they are; the cookie to set. */
    @Transactional
    public Cookie issue(Editor editor) {
        SignInSession.deleteExpired();
        String secret = OpaqueToken.create(PREFIX);
        SignInSession session = new SignInSession();
        session.id = OpaqueToken.hash(secret);
        session.editor = editor.isPersistent() ? editor : Editor.findById(editor.id);
        session.createdAt = Instant.now();
        session.expiresAt = session.createdAt.plus(config.sessionTimeout());
        session.persist();
        return cookie(secret, config.sessionTimeout().toSeconds());
    }

    /**
     * The live session a cookie value names, renewed when half its lifetime has passed (a database write at most
     * twice per timeout, not per request). Runs on a worker thread: it reads the database.
     */
    @Transactional
    public Optional<Live> find(String cookieValue) {
        if (cookieValue == null || !cookieValue.startsWith(PREFIX) || cookieValue.length() > 100) {
            return Optional.empty();
        }
        return SignInSession.findLive(OpaqueToken.hash(cookieValue)).map(session -> {
            Instant now = Instant.now();
            boolean renew = now.plus(config.sessionTimeout().dividedBy(2)).isAfter(session.expiresAt);
            if (renew) {
                session.expiresAt = now.plus(config.sessionTimeout());
            }
            return new Live(session.editor, session.id, renew);
        });
    }

    /** The cookie for a session just renewed: the same secret, a fresh lifetime in the browser. */
    public Cookie renewed(String cookieValue) {
        return cookie(cookieValue, config.sessionTimeout().toSeconds());
    }

    /** Ends the session this request's cookie names, if any (sign-out). */
    @Transactional
    public void end(RoutingContext rc) {
        idOf(rc).ifPresent(id -> SignInSession.deleteById(id));
    }

    /** Ends every session of an editor (sign out everywhere, disabling, removing). */
    @Transactional
    public long endAll(Editor editor) {
        return SignInSession.endAllOf(Editor.findById(editor.id));
    }

    /** Ends every session of an editor but the one this request carries (after a password change). */
    @Transactional
    public long endAllOthers(Editor editor, RoutingContext rc) {
        Editor e = Editor.findById(editor.id);
        return idOf(rc).map(kept -> SignInSession.endAllOfExcept(e, kept)).orElseGet(() -> SignInSession.endAllOf(e));
    }

    private static Optional<String> idOf(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(OpaqueToken.hash(cookie.getValue()));
    }

    public Cookie cleared() {
        return cookie("", 0);
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSecure(roundup.secure())
                .setSameSite(CookieSameSite.LAX).setMaxAge(maxAgeSeconds);
    }
}
