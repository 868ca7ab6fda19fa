package dev.roundup.editor;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Editor accounts and sign-in. */
@ConfigMapping(prefix = "roundup.editor")
public interface EditorConfig {

    /** Email of the first editor, created on first start when there is none. Also read from {@code ROUNDUP_ADMIN_EMAIL}. */
    @WithDefault("admin@localhost")
    String adminEmail();

    /**
     * Password of the first editor. Also read from {@code ROUNDUP_ADMIN_PASSWORD}.
     * When unset, a strong one is generated and printed once to the log.
     */
    Optional<String> adminPassword();

    /** How long a sign-in lasts without activity before the editor must sign in again. */
    @WithDefault("12h")
    Duration sessionTimeout();

    /**
     * Failed password sign-ins (the form, HTTP Basic) allowed per account from clients without that account's device
     * cookie, within {@link #failureWindow()}; then such clients get 429 for that account. Also the wrong current
     * passwords allowed per account when changing a password. Tokens name no account: they are limited per address.
     */
    @WithDefault("10")
    int failuresPerAccount();

    /** Failed sign-ins allowed from a browser holding the account's device cookie, within the window, for that browser alone. */
    @WithDefault("10")
    int failuresPerDevice();

    /**
     * Failed password sign-ins allowed per client address (any account), within the window; wrong API tokens have an
     * allowance of the same size per address, counted apart. An IPv6 client counts by its /64.
     */
    @WithDefault("30")
    int failuresPerAddress();

    /** How long a failed sign-in counts against its account, device and address. */
    @WithDefault("15m")
    Duration failureWindow();

    /**
     * The bcrypt cost of editors' password hashes (2^cost rounds; 4 to 16): each step doubles the work of a check, for
     * whoever guesses too. An editor's hash made at a lower cost is made anew at their next sign-in. Below 10 the
     * start-up log warns; tests use 4, since they sign in with HTTP Basic on nearly every request.
     */
    @WithDefault("10")
    int passwordCost();

    /** Shortest password accepted for an editor. */
    @WithDefault("10")
    int minPasswordLength();
}
