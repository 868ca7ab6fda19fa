package dev.roundup.editor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Clients;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;

/** Scripts use revocable API tokens: shown once, stored hashed, named, with a last-used time, sent as Bearer. */
@QuarkusTest
class ApiTokensTest {

    private static final Pattern TOKEN = Pattern.compile("rtk_[A-Za-z0-9_-]{20,}");

    @Inject
    EntityManager em;

    @Test
    void aTokenMadeInThePageIsShownOnceWorksShowsItsLastUseAndIsRevoked() {
        Browser editor = Browser.signedInEditor();
        String page = editor.post("/editor/tokens", Map.of("name", "nightly export")).then().statusCode(201).extract().asString();
        Matcher m = TOKEN.matcher(page);
        assertTrue(m.find(), "the new token is on the page");
        String token = m.group();
        String later = editor.get("/editor/editors").then().statusCode(200).extract().asString();
        assertTrue(later.contains("nightly export"));
        assertFalse(later.contains(token), "shown only once");

        Api.withToken(token).get("/api/me").then().statusCode(200).body("email", equalTo(Browser.EDITOR_EMAIL));
        String row = rowOf(editor.get("/editor/editors").asString(), "nightly export");
        assertFalse(row.contains("never"), "last use shown: " + row);

        long id = Api.withToken(token).get("/api/tokens").jsonPath().getLong("find { it.name == 'nightly export' }.id");
        editor.post("/editor/tokens/" + id + "/revoke", Map.of()).then().statusCode(303);
        Clients.from("127.0.0.14").header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401);
    }

    @Test
    void aTokenMadeThroughTheApiIsShownOnceHashedAndRevoked() {
        String token = Api.asEditor().body(Map.of("name", "deploy script")).post("/api/tokens").then().statusCode(201)
                .header("Cache-Control", "no-store").body("name", equalTo("deploy script")).extract().path("token");
        Api.withToken(token).get("/api/tokens").then().statusCode(200).body("name", hasItem("deploy script"))
                .body("find { it.name == 'deploy script' }.lastUsedAt", notNullValue())
                .body("find { it.name == 'deploy script' }", not(org.hamcrest.Matchers.hasKey("token")));

        // the database holds a hash, never the token
        @SuppressWarnings("unchecked")
        List<String> hashes = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select token_hash from api_token").getResultList());
        assertFalse(hashes.contains(token));
        assertTrue(hashes.contains(OpaqueToken.hash(token)));
        String anyColumn = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select count(*) from api_token where name like ?1 or token_hash like ?1").setParameter(1, "%" + token.substring(4) + "%")
                .getSingleResult().toString());
        assertEquals("0", anyColumn);

        long id = Api.withToken(token).get("/api/tokens").jsonPath().getLong("find { it.name == 'deploy script' }.id");
        // a bare request with a token needs no CSRF header: no browser attaches a token by itself
        given().header("Authorization", "Bearer " + token).delete("/api/tokens/" + id).then().statusCode(204);
        Clients.from("127.0.0.14").header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401);
        Api.asEditor().delete("/api/tokens/" + id).then().statusCode(404);
    }

    @Test
    void withPasswordsTurnedOffForTheApiBasicGets401AndTokensWork() {
        String token = Accounts.token(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD, "settings test");
        try {
            Api.withToken(token).body(Map.of("passwordsForApi", false)).put("/api/settings").then().statusCode(200)
                    .body("passwordsForApi", equalTo(false));
            given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).get("/api/me").then().statusCode(401);
            Api.withToken(token).get("/api/me").then().statusCode(200);
            Browser.signedInEditor().get("/editor").then().statusCode(200); // the form still takes the password
        } finally {
            Api.withToken(token).body(Map.of("passwordsForApi", true)).put("/api/settings").then().statusCode(200);
        }
        Api.asEditor().get("/api/me").then().statusCode(200);
    }

    @Test
    void aTokenNeedsAName() {
        Api.asEditor().body(Map.of("name", " ")).post("/api/tokens").then().statusCode(400).body("errors.name", notNullValue());
        Browser.signedInEditor().post("/editor/tokens", Map.of("name", "")).then().statusCode(400);
    }

    private static String rowOf(String page, String name) {
        int at = page.indexOf(name);
        return page.substring(at, page.indexOf("</tr>", at));
    }
}
