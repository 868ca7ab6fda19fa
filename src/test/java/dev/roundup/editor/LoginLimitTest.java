package dev.roundup.editor;

import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import io.quarkus.test.junit.QuarkusTest;

/** Guessing an editor's password is cut short: ten failures on one account, and it waits a quarter of an hour. */
@QuarkusTest
class LoginLimitTest {

    @Test
    void tenWrongPasswordsLockTheAccountForAWhile() {
        // from an address of its own: the suite's other sign-ins come from 127.0.0.1, and failures count per address too
        Browser browser = new Browser("127.0.0.11");
        browser.post("/editor/editors", Map.of()); // warm: any page gives the browser its token
        Browser.signedInEditor().post("/editor/editors", Map.of("email", "guessed@example.org", "password", "the-right-password"))
                .then().statusCode(303);
        for (int i = 0; i < 10; i++) {
            browser.post("/login", Map.of("email", "guessed@example.org", "password", "guess-" + i)).then().statusCode(401);
        }
        browser.post("/login", Map.of("email", "guessed@example.org", "password", "the-right-password")).then().statusCode(429)
                .body(containsString("Too many attempts"));
    }
}
