package dev.roundup.editor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.web.ClientAddress;
import dev.roundup.web.RateLimiter;

/**
 * The one attempt limiter for every way in: the sign-in form, HTTP Basic, API tokens and the current password asked
 * for by a password change. Passwords follow OWASP's device cookies: a browser holding a device cookie for the account
 * has its own allowance; every other client is limited per account and per address (an IPv6 address by its /64). A
 * stranger's guesses thus lock out strangers, never the editor's own browser. Only failures count, so signing in often
 * never locks anyone out.
 * <p>
 * An attempt is counted <em>before</em> its password is checked, in the same atomic step that asks whether it is
 * allowed, and taken back when it succeeds: guesses sent in parallel cannot all pass while bcrypt runs.
 */
@ApplicationScoped
public class SignInLimits {

    @Inject
    RateLimiter limiter;

    @Inject
    EditorConfig config;

    @Inject
    DeviceCookie devices;

    /** Who is trying: the client's address and the device cookie it sent, if any. */
    public record Client(String address, String deviceCookie) {
    }

    /** An attempt counted in advance as a failure, under these keys; {@link #succeeded} takes it back. */
    public record Attempt(List<String> keys) {
    }

    /** Too many attempts: the caller answers 429 with {@link #retryAfterSeconds()}. */
    public static class Limited extends RuntimeException {
        Limited() {
            super("too many attempts");
        }
    }

    /**
     * Counts an attempt to sign in to this account ({@code null}: not an email address) as failed, unless this client
     * has used up its allowance: then empty, and nothing is counted.
     */
    public Optional<Attempt> reserve(String account, Client client) {
        Optional<String> device = devices.deviceOf(client.deviceCookie(), account);
        if (device.isPresent()) {
            return reserve(List.of("sign-in-device:" + device.get()), List.of(config.failuresPerDevice()));
        }
        String address = "sign-in-address:" + ClientAddress.limitKey(client.address());
        return account == null ? reserve(List.of(address), List.of(config.failuresPerAddress()))
                : reserve(List.of(address, "sign-in-account:" + account), List.of(config.failuresPerAddress(), config.failuresPerAccount()));
    }

    /**
     * Counts an attempt on the current password before a password change, on the account alone: whoever holds the
     * session (perhaps a thief of its cookie) gets as many tries as a stranger at the form.
     */
    public Optional<Attempt> reservePasswordChange(String account) {
        return reserve(List.of("password-change:" + account), List.of(config.failuresPerAccount()));
    }

    /** The attempt was right: it no longer counts. */
    public void succeeded(Attempt attempt) {
        attempt.keys().forEach(limiter::takeBack);
    }

    /**
     * Counts a token that opened nothing, per address under a key of its own: a script retrying a revoked token
     * behind a shared NAT must not lock its neighbours out of the sign-in form. False when the address is over its
     * allowance (answer 429). Valid tokens are never limited: 256 random bits are not guessed.
     */
    public boolean tokenFailed(Client client) {
        return limiter.allow("sign-in-token-address:" + ClientAddress.limitKey(client.address()), config.failuresPerAddress(),
                config.failureWindow());
    }

    /** Seconds to wait before trying again, for a Retry-After header. */
    public long retryAfterSeconds() {
        return config.failureWindow().toSeconds();
    }

    /** What a person who tried too often reads, with the configured window. */
    public String waitMessage() {
        return "Too many attempts. Wait " + describe(config.failureWindow()) + " and try again.";
    }

    static String describe(Duration d) {
        long seconds = Math.max(1, d.toSeconds());
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        return seconds % 60 == 0 ? plural(seconds / 60, "minute") : plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n == 1 ? "1 " + unit : n + " " + unit + "s";
    }

    /** Each key in turn, atomically checked and counted; when one is over its limit, those already counted are taken back. */
    private Optional<Attempt> reserve(List<String> keys, List<Integer> limits) {
        for (int i = 0; i < keys.size(); i++) {
            if (!limiter.allow(keys.get(i), limits.get(i), config.failureWindow())) {
                keys.subList(0, i).forEach(limiter::takeBack);
                return Optional.empty();
            }
        }
        return Optional.of(new Attempt(keys));
    }
}
