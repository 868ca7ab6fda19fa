package dev.roundup.editor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import dev.roundup.testing.Clients;
import dev.roundup.web.Roles;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Guessing is cut short on every way in (form, HTTP Basic, tokens), but a stranger's guesses never lock out the
 * editor's own browser: it holds a device cookie from an earlier sign-in. Each client has its own loopback address.
 */
@QuarkusTest
class GuessingTest {

    @Test
    void aStrangerGuessingCannotLockOutTheEditorsOwnBrowser() {
        Accounts.add("dana@example.org", "danas-real-password", Roles.EDITOR);
        Browser danasLaptop = new Browser("127.0.0.3").signIn("dana@example.org", "danas-real-password");
        assertTrue(danasLaptop.cookies().containsKey(DeviceCookie.COOKIE), "signing in gives the browser a device cookie");
        danasLaptop.post("/logout", Map.of()).then().statusCode(303);

        Browser attacker = new Browser("127.0.0.2");
        for (int i = 0; i < 10; i++) {
            attacker.post("/login", Map.of("email", "dana@example.org", "password", "guess-" + i)).then().statusCode(401);
        }
        attacker.post("/login", Map.of("email", "dana@example.org", "password", "danas-real-password")).then().statusCode(429)
                .header("Retry-After", notNullValue()).body(containsString("Too many attempts"));
        // any client that has not signed in to this account before waits too
        new Browser("127.0.0.4").post("/login", Map.of("email", "dana@example.org", "password", "danas-real-password"))
                .then().statusCode(429);

        // Dana's own browser is not locked out
        danasLaptop.post("/login", Map.of("email", "dana@example.org", "password", "danas-real-password")).then().statusCode(303);
        danasLaptop.get("/editor").then().statusCode(200);
    }

    @Test
    void basicGuessesAreLimitedToo() {
        Accounts.add("basic-target@example.org", "the-real-password", Roles.EDITOR);
        for (int i = 0; i < 10; i++) {
            Clients.from("127.0.0.5").auth().preemptive().basic("basic-target@example.org", "guess-" + i).get("/api/me")
                    .then().statusCode(401);
        }
        Clients.from("127.0.0.5").auth().preemptive().basic("basic-target@example.org", "the-real-password").get("/api/me")
                .then().statusCode(429).header("Retry-After", notNullValue());
        // one limiter for every way in: the form is closed to strangers for this account as well
        new Browser("127.0.0.6").post("/login", Map.of("email", "basic-target@example.org", "password", "the-real-password"))
                .then().statusCode(429);
    }

    @Test
    void tokenGuessesAreLimitedPerAddressButNeverAValidTokenOrTheForm() {
        String token = Accounts.token(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD, "guessing test");
        for (int i = 0; i < 30; i++) {
            Clients.from("127.0.0.7").header("Authorization", "Bearer rtk_made-up-token-" + i).get("/api/me").then().statusCode(401);
        }
        Clients.from("127.0.0.7").header("Authorization", "Bearer rtk_made-up-token-31").get("/api/me").then().statusCode(429)
                .header("Retry-After", notNullValue()).contentType("application/problem+json").body("status", equalTo(429));
        // a valid token cannot have been guessed: it works from the same address
        Clients.from("127.0.0.7").header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200)
                .body("email", equalTo(Browser.EDITOR_EMAIL));
        // a script retrying a dead token behind a shared address does not close the sign-in form to its neighbours
        new Browser("127.0.0.7").signIn(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).get("/editor").then().statusCode(200);
    }

    @Test
    void aLimitedAddressStillGetsInWithAValidToken() {
        String token = Accounts.token(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD, "limited address");
        Browser sprayer = new Browser("127.0.0.22");
        for (int i = 0; i < 30; i++) {
            sprayer.post("/login", Map.of("email", "someone-" + i + "@example.org", "password", "Winter2026!")).then().statusCode(401);
        }
        sprayer.post("/login", Map.of("email", "someone-else@example.org", "password", "Winter2026!")).then().statusCode(429);
        Clients.from("127.0.0.22").header("Authorization", "Bearer " + token).get("/api/me").then().statusCode(200);
    }

    @Test
    void guessesAcrossManyAccountsAreLimitedPerAddress() {
        Browser sprayer = new Browser("127.0.0.10");
        for (int i = 0; i < 30; i++) {
            sprayer.post("/login", Map.of("email", "nobody-" + i + "@example.org", "password", "Winter2026!")).then().statusCode(401);
        }
        sprayer.post("/login", Map.of("email", Browser.EDITOR_EMAIL, "password", Browser.EDITOR_PASSWORD)).then().statusCode(429);
    }
}
