package dev.roundup.web;

/**
 * The name of the editor's sign-in cookie. Here, below the features, so that the CSRF check can tell a request riding
 * on a session without depending on the editor package, which makes and reads the session it names.
 */
public final class SessionCookie {

    /** The cookie that names a row in {@code editor_session}. */
    public static final String NAME = "roundup-session";

    private SessionCookie() {
    }
}
