package dev.roundup;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings shared by every feature: where Roundup is reached, where it keeps its files, what the newsletter is called.
 * Each feature has its own mapping under {@code roundup.<feature>}.
 */
@ConfigMapping(prefix = "roundup")
public interface RoundupConfig {

    /** Public address of this Roundup, used for absolute links in emails and feeds. No trailing slash needed. */
    @WithDefault("http://localhost:8080")
    URI baseUrl();

    /** Folder for the H2 database, the mail outbox and other local files. */
    @WithDefault("./data")
    String dataDir();

    /** The newsletter's name, shown on pages and in emails. */
    @WithDefault("Roundup")
    String name();

    /** One line saying what the newsletter is about, shown on the home page. */
    @WithDefault("A weekly roundup of the best posts, projects and jobs from our community.")
    String tagline();

    /** Time zone for the newsletter's week, the river's days and shown times, e.g. {@code Europe/Berlin}. */
    @WithDefault("UTC")
    java.time.ZoneId timezone();

    /**
     * Master secret from which every signing key is derived (device cookies, CSRF tokens, flash messages, unsubscribe links).
     * When unset, one is generated on first start and kept in the database, so every instance sharing it agrees.
     */
    java.util.Optional<String> secretKey();

    /** About the newsletter as a sender ({@code roundup.newsletter.*}). */
    Newsletter newsletter();

    /** About the newsletter as a sender. */
    interface Newsletter {
        /** The sender's postal address, printed at the foot of every issue mail as CAN-SPAM requires. */
        java.util.Optional<String> postalAddress();
    }

    /** The postal address at the foot of every issue mail, or empty: the one place it is read. */
    default java.util.Optional<String> postalAddress() {
        return newsletter().postalAddress().map(String::strip).filter(a -> !a.isEmpty());
    }

    /** The base URL without a trailing slash, ready to have a path appended. */
    default String link(String path) {
        String base = baseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    /** Whether pages are served over HTTPS, so cookies can be marked Secure. */
    default boolean secure() {
        return "https".equalsIgnoreCase(baseUrl().getScheme());
    }
}
