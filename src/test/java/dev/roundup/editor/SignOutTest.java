package dev.roundup.editor;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Signing out ends the session itself, not only the browser's copy of the cookie: the session lives in the database,
 * so every instance sharing it refuses the cookie afterwards.
 */
@QuarkusTest
class SignOutTest {

    @Inject
    EntityManager em;

    @Test
    void aCookieCopiedBeforeSignOutIsRefusedAfterwards() {
        Browser browser = Browser.signedInEditor();
        String copied = browser.cookies().get(EditorSession.COOKIE);
        given().cookie(EditorSession.COOKIE, copied).get("/api/me").then().statusCode(200);
        assertEquals(1, sessionRows(copied), "the session is a row in the database");

        browser.post("/logout", Map.of()).then().statusCode(303);

        Response page = given().redirects().follow(false).cookie(EditorSession.COOKIE, copied).get("/editor");
        assertEquals(302, page.statusCode());
        assertTrue(page.header("Location").contains("/login"), page.header("Location"));
        given().cookie(EditorSession.COOKIE, copied).get("/api/me").then().statusCode(401);
        assertEquals(0, sessionRows(copied), "gone from the database every instance reads");
    }

    @Test
    void signingInAgainEndsTheBrowsersPreviousSession() {
        Browser browser = Browser.signedInEditor();
        String before = browser.cookies().get(EditorSession.COOKIE);

        browser.signIn(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD);

        String after = browser.cookies().get(EditorSession.COOKIE);
        assertTrue(!after.equals(before), "a new session");
        given().cookie(EditorSession.COOKIE, after).get("/api/me").then().statusCode(200);
        given().cookie(EditorSession.COOKIE, before).get("/api/me").then().statusCode(401);
        assertEquals(0, sessionRows(before), "the replaced session is gone, not left to expire");
    }

    @Test
    void signOutEverywhereEndsEveryOtherSession() {
        Accounts.add("frank@example.org", "franks-password", Roles.EDITOR);
        Browser desk = new Browser().signIn("frank@example.org", "franks-password");
        Browser phone = new Browser("127.0.0.9").signIn("frank@example.org", "franks-password");
        phone.get("/editor").then().statusCode(200);

        desk.post("/logout/everywhere", Map.of()).then().statusCode(303);

        phone.get("/editor").then().statusCode(302);
        desk.get("/editor").then().statusCode(302);
        new Browser().signIn("frank@example.org", "franks-password").get("/editor").then().statusCode(200);
    }

    private long sessionRows(String cookie) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from editor_session where id = ?1")
                .setParameter(1, OpaqueToken.hash(cookie)).getSingleResult()).longValue());
    }
}
