package dev.roundup.editor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.web.Roles;
import io.quarkus.test.junit.QuarkusTest;

/** Changes to accounts answer a person's mistakes clearly, and a password change is no unlimited password oracle. */
@QuarkusTest
class AccountChangesTest {

    @Test
    void wrongCurrentPasswordsAreLimitedPerAccount() {
        Accounts.add("henry@example.org", "henrys-password", Roles.EDITOR);
        Browser session = new Browser("127.0.0.23").signIn("henry@example.org", "henrys-password");
        for (int i = 0; i < 10; i++) {
            session.post("/editor/password", Map.of("current", "guess-" + i, "password", "a-new-password")).then().statusCode(400);
        }
        session.post("/editor/password", Map.of("current", "henrys-password", "password", "a-new-password")).then()
                .statusCode(429).header("Retry-After", notNullValue()).body(containsString("Wait 15 minutes"));
    }

    @Test
    void aRightCurrentPasswordDoesNotCount() {
        Accounts.add("iris@example.org", "iris-password-1", Roles.EDITOR);
        Browser session = new Browser("127.0.0.24").signIn("iris@example.org", "iris-password-1");
        for (int i = 0; i < 12; i++) {
            // right current password, new one too short: a mistake, not a guess
            session.post("/editor/password", Map.of("current", "iris-password-1", "password", "short")).then().statusCode(400);
        }
        session.post("/editor/password", Map.of("current", "iris-password-1", "password", "iris-password-2")).then().statusCode(303);
    }

    @Test
    void roleMistakesAreShownAboveTheListWithTheirStatus() {
        long kim = Accounts.add("kim@example.org", "kims-password", Roles.EDITOR);
        Browser admin = Browser.signedInEditor();
        admin.post("/editor/editors/" + kim + "/role", Map.of("role", "owner")).then().statusCode(400)
                .body(containsString("<p class=\"alert\" role=\"alert\">The role is &quot;editor&quot; or &quot;admin&quot;."));
        admin.post("/editor/editors/987654/role", Map.of("role", "admin")).then().statusCode(404)
                .body(containsString("There is no editor 987654."));
        Api.asEditor().body(Map.of("role", "admin")).put("/api/editors/987654/role").then().statusCode(404);
    }

    @Test
    void revokingATokenThatDoesNotExistIsNotFound() {
        Browser.signedInEditor().post("/editor/tokens/987654/revoke", Map.of()).then().statusCode(404)
                .body(containsString("No such token")).body(org.hamcrest.Matchers.not(containsString("Not your token")));
    }

    @Test
    void savingTheAccessSettingsAtOnceNeverFails() throws Exception {
        int admins = 8;
        CyclicBarrier start = new CyclicBarrier(admins);
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < admins; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return Api.asEditor().body(Map.of("passwordsForApi", true)).put("/api/settings").statusCode();
                }));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
