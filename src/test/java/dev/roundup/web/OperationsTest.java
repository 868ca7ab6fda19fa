package dev.roundup.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    @Test
    void healthIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/me"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void apiErrorsAreProblemDetails() {
        given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).get("/api/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not found"));
    }

    @Test
    void pageErrorsAreFriendlyPages() {
        given().get("/no-such-page").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("There is nothing at this address.")).body(containsString("Back to the front page"));
    }

    @Test
    void stylesheetIsServedLocally() {
        given().get("/static/roundup.css").then().statusCode(200).body(containsString("--accent"));
    }
}
