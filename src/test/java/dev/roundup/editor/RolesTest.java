package dev.roundup.editor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Clients;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Two roles: an admin manages editors, tokens and settings; an editor does everything else. */
@QuarkusTest
class RolesTest {

    @Test
    void anEditorCannotManageEditorsOthersTokensOrSettings() {
        long gina = Accounts.add("gina@example.org", "ginas-password", Roles.EDITOR);
        long adminsToken = Api.asEditor().body(Map.of("name", "admin's own")).post("/api/tokens").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        Browser page = new Browser().signIn("gina@example.org", "ginas-password");
        String editors = page.get("/editor/editors").then().statusCode(200).extract().asString();
        assertFalse(editors.contains("Add an editor"), "no management forms for an editor");
        page.post("/editor/editors", Map.of("email", "x@example.org", "password", "a-long-password")).then().statusCode(403);
        page.post("/editor/editors/" + gina + "/role", Map.of("role", "admin")).then().statusCode(403);
        page.get("/editor/access").then().statusCode(403);
        page.post("/editor/settings", Map.of("passwordsForApi", "false")).then().statusCode(403);
        page.post("/editor/tokens/" + adminsToken + "/revoke", Map.of()).then().statusCode(403);

        String token = Accounts.token("gina@example.org", "ginas-password", "gina's script");
        Api.withToken(token).get("/api/tokens").then().statusCode(200).body("name", hasItem("gina's script"))
                .body("editor", everyItem(equalTo("gina@example.org")));
        Api.withToken(token).get("/api/tokens?all=true").then().statusCode(403);
        Api.withToken(token).delete("/api/tokens/" + adminsToken).then().statusCode(403);
        Api.withToken(token).get("/api/settings").then().statusCode(403);
        Api.withToken(token).body(Map.of("passwordsForApi", false)).put("/api/settings").then().statusCode(403);
        Api.withToken(token).body(Map.of("email", "y@example.org", "password", "a-long-password")).post("/api/editors").then().statusCode(403);
        Api.withToken(token).post("/api/editors/" + gina + "/disable").then().statusCode(403);
        Api.withToken(token).delete("/api/editors/" + gina).then().statusCode(403);
        // everything else is open to an editor
        Api.withToken(token).get("/api/feeds").then().statusCode(200);
        Api.withToken(token).get("/api/editors").then().statusCode(200);

        // an admin sees every token
        Api.asEditor().get("/api/tokens?all=true").then().statusCode(200).body("name", hasItem("gina's script"));
        Browser.signedInEditor().get("/editor/access").then().statusCode(200).body(containsString("gina&#39;s script"));
    }

    @Test
    void aDisabledEditorGetsInByNoWay() {
        long hank = Accounts.add("hank@example.org", "hanks-password", Roles.EDITOR);
        Browser session = new Browser().signIn("hank@example.org", "hanks-password");
        String token = Accounts.token("hank@example.org", "hanks-password", "hank's script");

        Browser.signedInEditor().post("/editor/editors/" + hank + "/disable", Map.of()).then().statusCode(303);

        session.get("/editor").then().statusCode(302);
        // refused attempts come from addresses of their own, so the suite's 127.0.0.1 keeps its allowance
        new Browser("127.0.0.12").post("/login", Map.of("email", "hank@example.org", "password", "hanks-password")).then().statusCode(401);
        Clients.from("127.0.0.12").auth().preemptive().basic("hank@example.org", "hanks-password").get("/api/me").then().statusCode(401);
        Clients.from("127.0.0.12").header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401);
        Api.asEditor().get("/api/editors").then().body("find { it.email == 'hank@example.org' }.disabled", equalTo(true));

        Api.asEditor().post("/api/editors/" + hank + "/enable").then().statusCode(200).body("disabled", equalTo(false));
        Api.withToken(token).get("/api/me").then().statusCode(200);
    }

    @Test
    void anAdminRemovesAnEditorAndMakesAnotherAnAdmin() {
        long ivy = Accounts.add("ivy@example.org", "ivys-password-1", Roles.EDITOR);
        String token = Accounts.token("ivy@example.org", "ivys-password-1", "ivy's script");
        Api.asEditor().body(Map.of("role", Roles.ADMIN)).put("/api/editors/" + ivy + "/role").then().statusCode(200)
                .body("role", equalTo(Roles.ADMIN));
        Api.withToken(token).get("/api/settings").then().statusCode(200); // now an admin

        Browser.signedInEditor().post("/editor/editors/" + ivy + "/remove", Map.of()).then().statusCode(303);
        Clients.from("127.0.0.13").header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(401);
        new Browser("127.0.0.13").post("/login", Map.of("email", "ivy@example.org", "password", "ivys-password-1")).then().statusCode(401);
        Api.asEditor().get("/api/editors").then().body("email", not(hasItem("ivy@example.org")));
        Api.asEditor().delete("/api/editors/" + ivy).then().statusCode(404);
    }

    @Test
    void theLastActiveAdminCannotBeDisabledRemovedOrDemoted() {
        long otherAdmins = QuarkusTransaction.requiringNew().call(() -> Editor.count(
                "role = ?1 and disabledAt is null and email <> ?2", Roles.ADMIN, Browser.EDITOR_EMAIL));
        assumeTrue(otherAdmins == 0, "every admin another test makes is removed again");
        long me = Api.asEditor().get("/api/me").jsonPath().getLong("id");

        Api.asEditor().post("/api/editors/" + me + "/disable").then().statusCode(409).body("detail", containsString("last active admin"));
        Api.asEditor().body(Map.of("role", Roles.EDITOR)).put("/api/editors/" + me + "/role").then().statusCode(409);
        Api.asEditor().delete("/api/editors/" + me).then().statusCode(409);
        Browser.signedInEditor().post("/editor/editors/" + me + "/disable", Map.of()).then().statusCode(409)
                .body(containsString("last active admin"));
        Api.asEditor().get("/api/me").then().statusCode(200).body("role", equalTo(Roles.ADMIN));
    }
}
