package dev.roundup.editor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/**
 * OWASP's "device cookie": a browser that has signed in to an account correctly gets a signed cookie naming that
 * account and a random nonce. Its failed attempts then count against that device alone, so a stranger guessing the
 * account's password (who has no such cookie) cannot lock out the editor's own browser.
 */
@ApplicationScoped
public class DeviceCookie {

    public static final String COOKIE = "roundup-device";
    private static final String PURPOSE = "editor-device";
    private static final Duration LIFETIME = Duration.ofDays(365);

    @Inject
    Secrets secrets;

    @Inject
    RoundupConfig roundup;

    /** A device cookie for a browser that has just signed in to this account. */
    public Cookie issue(String email) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(StandardCharsets.UTF_8))
                + "." + Secrets.randomToken(16);
        return Cookie.cookie(COOKIE, payload + "." + secrets.sign(PURPOSE, payload)).setPath("/").setHttpOnly(true)
                .setSecure(roundup.secure()).setSameSite(CookieSameSite.STRICT).setMaxAge(LIFETIME.toSeconds());
    }

    /** The device's nonce, when the cookie is authentic and was issued for this account. */
    public Optional<String> deviceOf(String cookieValue, String email) {
        if (cookieValue == null || email == null) {
            return Optional.empty();
        }
        int last = cookieValue.lastIndexOf('.');
        if (last <= 0 || !secrets.verify(PURPOSE, cookieValue.substring(0, last), cookieValue.substring(last + 1))) {
            return Optional.empty();
        }
        String[] parts = cookieValue.substring(0, last).split("\\.");
        try {
            String account = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            return parts.length == 2 && account.equals(email) ? Optional.of(parts[1]) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
