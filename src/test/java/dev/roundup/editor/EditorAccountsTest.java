package dev.roundup.editor;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class EditorAccountsTest {

    @Test
    void anEditorAddsAnotherWhoCanThenSignIn() {
        Browser alice = Browser.signedInEditor();
        alice.post("/editor/editors", Map.of("email", "bob@example.org", "name", "Bob", "password", "bobs-secret-pw"))
                .then().statusCode(303);
        alice.get("/editor/editors").then().statusCode(200).body(containsString("Added bob@example.org"))
                .body(containsString("bob@example.org"));

        new Browser().signIn("bob@example.org", "bobs-secret-pw").get("/editor").then().statusCode(200)
                .body(containsString("Hello, Bob"));

        String hash = QuarkusTransaction.requiringNew().call(() -> Editor.findByEmail("bob@example.org").orElseThrow().passwordHash);
        assertTrue(hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$"), "stored as bcrypt: " + hash);
        assertNotEquals("bobs-secret-pw", hash);
    }

    @Test
    void invalidNewEditorIsExplainedAndTheInputKept() {
        Browser browser = Browser.signedInEditor();
        String page = browser.post("/editor/editors", Map.of("email", Browser.EDITOR_EMAIL, "name", "Imposter <b>x</b>", "password", "short"))
                .then().statusCode(400).extract().asString();
        assertTrue(page.contains("An editor with this email already exists."));
        assertTrue(page.contains("Use at least 10 characters."));
        assertTrue(page.contains("value=\"Imposter &lt;b&gt;x&lt;/b&gt;\""), "input kept, escaped");
    }

    @Test
    void anEditorChangesTheirPassword() {
        Browser admin = Browser.signedInEditor();
        admin.post("/editor/editors", Map.of("email", "carol@example.org", "password", "carols-first-pw")).then().statusCode(303);
        Browser carol = new Browser().signIn("carol@example.org", "carols-first-pw");
        Browser carolsOtherLaptop = new Browser().signIn("carol@example.org", "carols-first-pw");
        carolsOtherLaptop.get("/editor/editors").then().statusCode(200);

        carol.post("/editor/password", Map.of("current", "not-it-at-all", "password", "carols-second-pw"))
                .then().statusCode(400).body(containsString("That is not your current password."));
        carol.post("/editor/password", Map.of("current", "carols-first-pw", "password", "carols-second-pw"))
                .then().statusCode(303);
        // changing a password ends every other session (a stolen cookie, a forgotten laptop); the one that changed it goes on
        carol.get("/editor/editors").then().statusCode(200);
        Response elsewhere = carolsOtherLaptop.get("/editor/editors");
        assertEquals(302, elsewhere.statusCode(), elsewhere.asString());
        assertTrue(elsewhere.header("Location").contains("/login"), elsewhere.header("Location"));

        assertEquals(401, new Browser().post("/login", Map.of("email", "carol@example.org", "password", "carols-first-pw")).statusCode());
        new Browser().signIn("carol@example.org", "carols-second-pw");
    }

    @Test
    void editorFormsWithoutTheTokenAreRefused() {
        Browser browser = Browser.signedInEditor();
        browser.postWithoutToken("/editor/editors", Map.of("email", "mallory@example.org", "password", "mallorys-password"))
                .then().statusCode(403);
        browser.postWithoutToken("/editor/editors", Map.of("email", "mallory@example.org", "password", "mallorys-password",
                "_csrf", "forged.token")).then().statusCode(403);
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Editor.findByEmail("mallory@example.org").isEmpty()));
    }
}
