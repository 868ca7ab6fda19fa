package dev.roundup.editor;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.web.RateLimiter;

/**
 * The one attempt limiter for every way in: the sign-in form, HTTP Basic and API tokens. It follows OWASP's device
 * cookies: a browser holding a device cookie for the account has its own allowance; every other client is limited per
 * account and per address. A stranger's guesses thus lock out strangers, never the editor's own browser. Only failures
 * count, so signing in often never locks anyone out.
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

    /** Whether this client may try to sign in to this account now ({@code account} is null for an API token). */
    public boolean allows(String account, Client client) {
        Optional<String> device = devices.deviceOf(client.deviceCookie(), account);
        if (device.isPresent()) {
            return limiter.recent("sign-in-device:" + device.get(), config.failureWindow()) < config.failuresPerDevice();
        }
        return limiter.recent("sign-in-address:" + client.address(), config.failureWindow()) < config.failuresPerAddress()
                && (account == null || limiter.recent("sign-in-account:" + account, config.failureWindow()) < config.failuresPerAccount());
    }

    /** Counts a failed attempt against the device, or else against the account and the address. */
    public void failed(String account, Client client) {
        Optional<String> device = devices.deviceOf(client.deviceCookie(), account);
        if (device.isPresent()) {
            limiter.record("sign-in-device:" + device.get());
            return;
        }
        limiter.record("sign-in-address:" + client.address());
        if (account != null) {
            limiter.record("sign-in-account:" + account);
        }
    }

    /** Seconds to wait before trying again, for a Retry-After header. */
    public long retryAfterSeconds() {
        return config.failureWindow().toSeconds();
    }
}
