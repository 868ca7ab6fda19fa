package dev.roundup.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The JSON API as a script would call it: HTTP Basic with the test editor's account, or an API token. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification asEditor() {
        return given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).contentType(ContentType.JSON)
                .accept(ContentType.JSON).header("X-Requested-By", "roundup-tests");
    }

    /** As a script holding an API token, sent as {@code Authorization: Bearer}. */
    public static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }
}
