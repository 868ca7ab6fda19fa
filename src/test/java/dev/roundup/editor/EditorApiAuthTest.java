package dev.roundup.editor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class EditorApiAuthTest {

    @Test
    void apiNeedsCredentials() {
        given().get("/api/me").then().statusCode(401).header("WWW-Authenticate", containsString("Basic"));
        given().auth().preemptive().basic(Browser.EDITOR_EMAIL, "wrong-password").get("/api/me").then().statusCode(401);
        given().header("Authorization", "Basic !!!not-base64").get("/api/me").then().statusCode(401);
    }

    @Test
    void basicAuthWithAnEditorAccountWorks() {
        given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).get("/api/me")
                .then().statusCode(200).body("email", equalTo(Browser.EDITOR_EMAIL))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwordHash")));
    }

    @Test
    void theBrowserSessionAlsoOpensTheApi() {
        Browser browser = Browser.signedInEditor();
        given().cookies(browser.cookies()).get("/api/me").then().statusCode(200).body("email", equalTo(Browser.EDITOR_EMAIL));
    }

    @Test
    void scriptsAddEditorsWithBasicAuthAndJson() {
        given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("email", "script@example.org", "name", "Script", "password", "a-long-password"))
                .post("/api/editors").then().statusCode(201).body("email", equalTo("script@example.org"));
        given().auth().preemptive().basic("script@example.org", "a-long-password").get("/api/editors")
                .then().statusCode(200).body("email", hasItem(Browser.EDITOR_EMAIL));
        given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-address", "password", "short"))
                .post("/api/editors").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors.email", containsString("email address"))
                .body("errors.password", containsString("at least"));
    }

    @Test
    void aCrossSiteFormCannotRideOnCachedBasicCredentials() {
        // what a hostile page can make a browser send: a text/plain form, Basic credentials attached by the browser
        given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).contentType("text/plain")
                .body("victim@example.org").post("/api/subscribers/import?mode=confirmed&override=true").then().statusCode(403);
        given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).post("/api/feeds/1/fetch").then().statusCode(403);
        // a script says so with a header the browser cannot add across sites
        given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).header("X-Requested-By", "curl")
                .contentType("text/csv").body("script.import@example.org\n").post("/api/subscribers/import?mode=confirmed").then().statusCode(200);
    }

    @Test
    void aStateChangeRidingOnTheSessionCookieNeedsTheToken() {
        Browser browser = Browser.signedInEditor();
        given().cookies(browser.cookies()).contentType(ContentType.JSON)
                .body(Map.of("email", "csrf@example.org", "password", "a-long-password"))
                .post("/api/editors").then().statusCode(403);
        given().cookies(browser.cookies()).header("X-CSRF-Token", browser.csrfToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "csrf@example.org", "password", "a-long-password"))
                .post("/api/editors").then().statusCode(201);
    }
}
