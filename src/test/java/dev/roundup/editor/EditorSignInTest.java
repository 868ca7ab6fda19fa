package dev.roundup.editor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class EditorSignInTest {

    @Test
    void anonymousVisitorIsSentToTheLoginPage() {
        Response r = new Browser().get("/editor");
        assertEquals(302, r.statusCode());
        assertTrue(r.header("Location").endsWith("/login?next=%2Feditor"), r.header("Location"));
    }

    @Test
    void bootstrapEditorSignsInAndSeesTheDashboard() {
        Browser browser = new Browser();
        String loginPage = browser.get("/login").then().statusCode(200).extract().asString();
        assertTrue(loginPage.contains("value=\"" + browser.csrfToken() + "\""), "the form carries the CSRF token");

        Response r = browser.post("/login", Map.of("email", " Editor@Example.org ", "password", Browser.EDITOR_PASSWORD,
                "next", "/editor"));
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/editor"));
        String session = browser.cookies().get(EditorSession.COOKIE);
        assertTrue(session != null && !session.isEmpty(), "session cookie set");
        assertTrue(r.header("Set-Cookie") != null);

        browser.get("/editor").then().statusCode(200).body(containsString("Hello, Administrator"))
                .body(containsString("Feeds")).body(containsString("Subscribers"));
    }

    @Test
    void wrongPasswordFailsWithAClearMessage() {
        Browser browser = new Browser();
        Response r = browser.post("/login", Map.of("email", Browser.EDITOR_EMAIL, "password", "not-the-password"));
        assertEquals(401, r.statusCode());
        assertTrue(r.asString().contains("Wrong email or password."));
        assertFalse(browser.cookies().containsKey(EditorSession.COOKIE));

        Response unknown = browser.post("/login", Map.of("email", "nobody@example.org", "password", "whatever-it-is"));
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.asString().contains("Wrong email or password."), "unknown email answers the same");
    }

    @Test
    void loginWithoutCsrfTokenIsRefused() {
        Browser browser = new Browser();
        browser.get("/login");
        browser.postWithoutToken("/login", Map.of("email", Browser.EDITOR_EMAIL, "password", Browser.EDITOR_PASSWORD))
                .then().statusCode(403).body(containsString("This form has expired"));
        assertFalse(browser.cookies().containsKey(EditorSession.COOKIE));
    }

    @Test
    void aTamperedSessionCookieIsNotAccepted() {
        Browser browser = Browser.signedInEditor();
        String session = browser.cookies().get(EditorSession.COOKIE);
        char last = session.charAt(session.length() - 1);
        browser.cookies().put(EditorSession.COOKIE, session.substring(0, session.length() - 1) + (last == 'A' ? 'B' : 'A'));
        browser.get("/editor").then().statusCode(302);
    }

    @Test
    void signOutEndsTheSession() {
        Browser browser = Browser.signedInEditor();
        browser.post("/logout", Map.of()).then().statusCode(303);
        browser.get("/editor").then().statusCode(302);
    }

    @Test
    void loginNeverRedirectsOffSite() {
        Browser browser = new Browser();
        Response r = browser.post("/login", Map.of("email", Browser.EDITOR_EMAIL, "password", Browser.EDITOR_PASSWORD,
                "next", "//evil.example/phish"));
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/editor"), r.header("Location"));
        browser.get("/login?next=https://evil.example").then().body(containsString("value=\"/editor\""));
    }

    @Test
    void signedInEditorSeesEditorNavigationOnPublicPages() {
        Browser.signedInEditor().get("/").then().statusCode(200).body(containsString("Sign out"));
        new Browser().get("/").then().statusCode(200).body(containsString("Editor sign-in"))
                .body(containsString("<h1>Roundup</h1>"));
        assertEquals(200, new Browser().get("/login").statusCode());
        new Browser().get("/editor/").then().statusCode(equalTo(302));
    }
}
