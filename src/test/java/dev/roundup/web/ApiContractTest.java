package dev.roundup.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Management;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The API is a contract: the document Roundup serves at {@code /q/openapi} is the one committed as docs/openapi.yaml.
 * A change to the API that does not change that file fails here; regenerate it on purpose with
 * {@code mvnlock test -Dtest=ApiContractTest -Dopenapi.update=true} and commit the difference with the change.
 */
@QuarkusTest
class ApiContractTest {

    static final Path COMMITTED = Path.of("docs/openapi.yaml");

    @Test
    void theServedDocumentIsTheCommittedContract() throws Exception {
        String served = given().get(Management.url("/q/openapi?format=yaml")).then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertEquals(committed, served, "The API served at /q/openapi differs from " + COMMITTED + ". If the change is meant, "
                + "regenerate the file with: mvnlock test -Dtest=ApiContractTest -Dopenapi.update=true, and commit it with the change.");
    }

    @Test
    void theDocumentDescribesTheApiOnly() {
        String served = given().get(Management.url("/q/openapi?format=yaml")).then().statusCode(200).extract().asString();
        for (String line : served.lines().toList()) {
            if (line.matches("  /[^ ]*:")) {
                assertTrue(line.startsWith("  /api"), "only /api is documented, not " + line.strip());
            }
        }
        for (String internal : new String[] { "TemplateInstance", "EngineImpl", "Charset", "StreamingOutput" }) {
            assertFalse(served.contains(internal + ":"), internal + " is not part of the API");
        }
        assertTrue(served.contains("application/problem+json"), "the problem answers are documented");
    }
}
