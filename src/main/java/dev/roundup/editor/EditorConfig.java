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

    /** Shortest password accepted for an editor. */
    @WithDefault("10")
    int minPasswordLength();
}
