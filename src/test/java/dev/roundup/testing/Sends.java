package dev.roundup.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import io.restassured.path.json.JsonPath;

/** Sending issues from tests through the API, as a script would. */
public final class Sends {

    private Sends() {
    }

    /** Adds confirmed subscribers through the CSV import. */
    public static void subscribe(List<String> emails) {
        Api.asEditor().contentType("text/csv").body(String.join("\n", emails) + "\n").post("/api/subscribers/import?mode=confirmed")
                .then().statusCode(200);
    }

    /** Starts sending an issue now. */
    public static void start(long issueId) {
        Api.asEditor().post("/api/issues/" + issueId + "/send").then().statusCode(200);
    }

    /** Waits until the send reaches {@code state} and returns its progress. */
    public static JsonPath awaitState(long issueId, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath p = Api.asEditor().get("/api/issues/" + issueId + "/send").then().extract().jsonPath();
        while (!state.equals(p.getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            p = Api.asEditor().get("/api/issues/" + issueId + "/send").then().extract().jsonPath();
        }
        assertEquals(state, p.getString("state"), "send state: " + p.prettify());
        return p;
    }
}
