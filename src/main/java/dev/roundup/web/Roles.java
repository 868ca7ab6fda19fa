package dev.roundup.web;

/**
 * The names of the two editor roles, shared by every feature's pages and API. Here, below the features, so that a
 * feature names a role without depending on the editor package.
 */
public final class Roles {

    /** Curates, sends, moderates: everything except managing editors, others' tokens and settings. */
    public static final String EDITOR = "editor";

    /** An editor who also manages editors, every API token and the access settings. Has {@link #EDITOR} too. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
