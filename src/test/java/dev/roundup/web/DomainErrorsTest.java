package dev.roundup.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import io.quarkus.test.junit.QuarkusTest;

/** A feature's refusal ({@code dev.roundup.DomainException}) answered once: problem+json under /api, a page elsewhere. */
@QuarkusTest
class DomainErrorsTest {

    @Test
    void aRejectedFieldIsAProblemNamingTheField() {
        Api.asEditor().body(Map.of("email", "not-an-address")).post("/api/subscribers").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(400)).body("title", equalTo("Bad request"))
                .body("detail", containsString("valid email")).body("errors.email", containsString("valid email"));
    }

    @Test
    void somethingThatIsNotThereIsANotFoundProblem() {
        Api.asEditor().body(Map.of("role", "admin")).put("/api/editors/987650/role").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("detail", equalTo("There is no editor 987650."))
                .body("errors", equalTo(null));
    }

    @Test
    void aStateThatRefusesIsAConflictProblemOnTheApiAndAMessageOnThePage() {
        // the test database is in memory (or PostgreSQL): either way Roundup cannot back it up itself
        Api.asEditor().post("/api/backups").then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Conflict")).body("detail", not(equalTo("")));
        Browser.signedInEditor().post("/editor/backups", Map.of()).then().statusCode(409).contentType(startsWith("text/html"))
                .body(containsString("back up")).body(not(containsString("Exception")));
    }
}
