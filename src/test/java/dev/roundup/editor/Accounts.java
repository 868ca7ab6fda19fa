package dev.roundup.editor;

import static io.restassured.RestAssured.given;

import java.util.Map;

import dev.roundup.testing.Api;
import io.restassured.http.ContentType;

/** Accounts and tokens the sign-in tests set up through the API, as an admin's script would. */
public final class Accounts {

    private Accounts() {
    }

    /** Adds an editor with a role (as the bootstrap admin) and returns its id. */
    public static long add(String email, String password, String role) {
        return Api.asEditor().body(Map.of("email", email, "password", password, "role", role)).post("/api/editors")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Creates an API token for an editor, signing in with their password over HTTP Basic. */
    public static String token(String email, String password, String name) {
        return given().auth().preemptive().basic(email, password).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/tokens").then().statusCode(201).extract().path("token");
    }
}
