package dev.roundup.editor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Clients;
import dev.roundup.testing.Management;
import dev.roundup.web.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * The refusals every API operation can give before it runs: 401 (no or wrong sign-in), 403 (not an admin's to do,
 * or a request that could have come from another site) and 413 (a body over quarkus.http.limits.max-body-size), each
 * an RFC 9457 problem, and the contract promising each where it can happen and nowhere else.
 */
@QuarkusTest
class ApiErrorAnswersTest {

    private static final String PROBLEM = "application/problem+json";

    private static ValidatableResponse isProblem(ValidatableResponse answer, int status) {
        return answer.statusCode(status).contentType(PROBLEM).body("status", equalTo(status))
                .body("title", notNullValue()).body("detail", notNullValue());
    }

    @Test
    void noOrWrongSignInIsAProblemWithTheChallenge() {
        isProblem(given().get("/api/me").then(), 401).body("title", equalTo("Sign-in required"))
                .body("detail", containsString("API token")).header("WWW-Authenticate", containsString("Bearer realm"));
        isProblem(given().accept("application/json").contentType("application/json").body("{}").post("/api/editors").then(), 401);
        // refused attempts from an address of their own, so the suite's 127.0.0.1 keeps its allowance
        isProblem(Clients.from("127.0.0.41").header("Authorization", "Bearer not-a-token").get("/api/me").then(), 401)
                .body("detail", containsString("not accepted")).header("WWW-Authenticate", containsString("Basic realm"));
        isProblem(Clients.from("127.0.0.41").auth().preemptive().basic(Browser.EDITOR_EMAIL, "wrong-password").get("/api/me").then(), 401);
        isProblem(Clients.from("127.0.0.41").header("Authorization", "Digest x").get("/api/me").then(), 401)
                .body("detail", containsString("no other scheme"));
        // pages are unchanged: the login page
        given().redirects().follow(false).get("/editor").then().statusCode(302);
    }

    @Test
    void anEditorAskingForAnAdminsOperationIsToldSo() {
        Accounts.add("kim.answers@example.org", "kims-password-1", Roles.EDITOR);
        String token = Accounts.token("kim.answers@example.org", "kims-password-1", "kim's script");
        isProblem(Api.withToken(token).get("/api/settings").then(), 403).body("detail", equalTo("Only an admin may do this."));
        isProblem(Api.withToken(token).get("/api/backups").then(), 403).body("detail", equalTo("Only an admin may do this."));
        isProblem(Api.withToken(token).body(Map.of("email", "z@example.org", "password", "a-long-password")).post("/api/editors").then(), 403)
                .body("detail", equalTo("Only an admin may do this."));
        isProblem(Api.withToken(token).get("/api/tokens?all=true").then(), 403).body("detail", containsString("Only an admin"));
        // and a request that could have come from another site
        isProblem(given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).post("/api/feeds/1/fetch").then(), 403);
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        long over = 50L * 1024 * 1024 + 1;
        String basic = java.util.Base64.getEncoder().encodeToString((Browser.EDITOR_EMAIL + ":" + Browser.EDITOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String answer = headOnly("POST", "/api/editors", "application/json", over, "Authorization: Basic " + basic);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"status\":413") && answer.contains("\"title\":\"Too large\"") && answer.contains("\"detail\":"), answer);
        // without credentials the sign-in is asked for first
        String anonymous = headOnly("POST", "/api/subscribers/import?mode=confirmed", "text/csv", over, "X-Requested-By: tests");
        assertTrue(anonymous.startsWith("HTTP/1.1 401") && anonymous.contains("\"status\":401"), anonymous);
    }

    /** Sends only the head of a request announcing a body of that length, and reads what the server answers. */
    private static String headOnly(String method, String target, String type, long length, String header) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(3_000);
            String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                    + "\r\n" + header + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0;) {
                    all.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException closedOrKeptOpen) {
                // the server answers without reading the body, and closes; what it answered is already here
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void theContractPromisesEachWhereItCanHappen() {
        Map<String, Map<String, Map<String, Object>>> paths = given().get(Management.url("/q/openapi?format=json")).then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        Set<String> tokenChecks = Set.of("get /api/tokens", "delete /api/tokens/{id}");
        List<String> admins = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                if (!Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey() + " " + path.getKey();
                Map<String, Object> operation = op.getValue();
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
                assertEquals("Sign-in required: send an API token (Bearer) or, unless an admin turned it off, an editor's email and password (Basic).",
                        responses.get("401").get("description"), name);
                assertProblem(responses.get("401"), name + " 401");
                boolean admin = String.valueOf(operation.get("security")).contains(Roles.ADMIN);
                if (admin) {
                    admins.add(name);
                }
                boolean changes = !op.getKey().equals("get");
                boolean mayBeForbidden = admin || changes || tokenChecks.contains(name);
                assertEquals(mayBeForbidden, responses.containsKey("403"), name + " 403");
                if (admin) {
                    assertTrue(String.valueOf(responses.get("403").get("description")).startsWith("Only an admin may do this."), name);
                }
                if (mayBeForbidden) {
                    assertProblem(responses.get("403"), name + " 403");
                }
                assertEquals(operation.containsKey("requestBody"), responses.containsKey("413"), name + " 413");
                if (responses.containsKey("413")) {
                    assertProblem(responses.get("413"), name + " 413");
                }
                assertFalse(operation.containsKey("x-roundup-forbidden"), name);
            }
        }
        assertTrue(operations > 50, "all operations read: " + operations);
        // SettingsApiResource, BackupApiResource and EditorApiResource's admin methods
        assertTrue(admins.contains("get /api/settings") && admins.contains("post /api/backups") && admins.contains("post /api/editors"), admins::toString);
        assertFalse(admins.contains("get /api/me") || admins.contains("get /api/editors"), admins::toString);
    }

    private static void assertProblem(Map<String, Object> response, String name) {
        assertTrue(String.valueOf(response.get("content")).contains("application/problem+json"), name + ": " + response);
        assertTrue(String.valueOf(response.get("content")).contains("#/components/schemas/Problem"), name + ": " + response);
    }

    @Test
    void aSignedInEditorIsNotToldToSignIn() {
        Api.asEditor().get("/api/me").then().statusCode(200).contentType(not(PROBLEM));
    }
}
