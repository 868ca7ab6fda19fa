package dev.roundup.subscribers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Mails;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Joining takes a confirmed address; the answers never tell who is already on the list. */
@QuarkusTest
class DoubleOptInTest {

    static Response signUp(String email, String name) {
        return new Browser().post("/subscribe", Map.of("email", email, "name", name, "website", ""));
    }

    static String status(String email) {
        return Api.asEditor().get("/api/subscribers?q=" + email).then().statusCode(200).extract().path("subscribers[0].status");
    }

    @Test
    void signUpSendsAMailWhoseLinkConfirms() throws Exception {
        Response r = signUp("  Reader.One@EXAMPLE.org ", "Reader One");
        assertEquals(303, r.statusCode());
        assertTrue(r.header("Location").endsWith("/subscribe/check-inbox"));
        assertEquals("pending", status("Reader.One@example.org"), "domain lower-cased, local part kept");

        MimeMessage mail = Mails.await("Reader.One@example.org", 1, Duration.ofSeconds(10)).get(0);
        assertEquals("Confirm your subscription to Roundup", mail.getSubject());
        assertTrue(mail.getFrom()[0].toString().contains("news@roundup.test"));
        String link = Mails.link(mail, "/confirm/");
        assertTrue(Mails.part(mail, "text/html").contains(link.replace("&", "&amp;")));

        given().get(Mails.path(link)).then().statusCode(200).body(containsString("Confirm your subscription"))
                .body(containsString("<form method=\"post\" action=\"" + Mails.path(link) + "\""));
        assertEquals("pending", status("Reader.One@example.org"), "opening the link changes nothing");
        Browser reader = new Browser();
        reader.get(Mails.path(link)).then().statusCode(200).body(containsString("name=\"_csrf\""));
        reader.postWithoutToken(Mails.path(link), Map.of()).then().statusCode(403);
        assertEquals("pending", status("Reader.One@example.org"), "a cross-site post confirms nobody");
        reader.post(Mails.path(link), Map.of()).then().statusCode(200).body(containsString("You're in!"));
        assertEquals("confirmed", status("Reader.One@example.org"));
        reader.post(Mails.path(link), Map.of()).then().statusCode(200).body(containsString("You're in!"));
        given().get(Mails.path(link)).then().statusCode(200).body(containsString("You're in!"));

        String history = Api.asEditor().get("/api/subscribers?q=reader.one").then().extract().path("subscribers[0].id").toString();
        Api.asEditor().get("/api/subscribers/" + history + "/history").then().statusCode(200)
                .body("kind", org.hamcrest.Matchers.hasItems("signed-up", "confirmation-sent", "confirmed"));
        Api.asEditor().get("/api/subscribers?q=reader.one").then().body("subscribers[0].consentIp", equalTo("127.0.0.1"))
                .body("subscribers[0].consentSource", equalTo("form"));
    }

    @Test
    void aRepeatedSignUpSendsNothingNewAndAnswersTheSame() throws Exception {
        signUp("repeat@example.org", "");
        String link = Mails.link(Mails.await("repeat@example.org", 1, Duration.ofSeconds(10)).get(0), "/confirm/");
        new Browser().post(Mails.path(link), Map.of()).then().statusCode(200);

        Response again = signUp("repeat@example.org", "");
        assertEquals(303, again.statusCode());
        assertTrue(again.header("Location").endsWith("/subscribe/check-inbox"), "same answer as a new address");
        assertEquals(1, Mails.settled("repeat@example.org", 1, Duration.ofMillis(500)).size(), "no new mail");
    }

    @Test
    void aPendingAddressGetsAtMostThreeConfirmationMailsADay() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(303, signUp("bombed@example.org", "").statusCode());
            if (i < 3) {
                Mails.await("bombed@example.org", i + 1, Duration.ofSeconds(10));
            }
        }
        // the fourth and fifth sign-ups mail nothing: no fourth mail while both had time to arrive
        assertEquals(3, Mails.settled("bombed@example.org", 3, Duration.ofMillis(2500)).size(), "at most three a day");
    }

    @Test
    void badInputIsExplainedAndNothingIsStored() {
        Browser browser = new Browser();
        browser.post("/subscribe", Map.of("email", "not-an-address", "name", "x")).then().statusCode(400)
                .body(containsString("Enter an email address like name@example.org.")).body(containsString("value=\"not-an-address\""));
        browser.post("/subscribe", Map.of("email", "victim@example.org\r\nBcc: everyone@example.org", "name", "x")).then().statusCode(400);
        browser.post("/subscribe", Map.of("email", "crlf@example.org", "name", "Eve\r\nBcc: all@example.org")).then().statusCode(400)
                .body(containsString("one line"));
        Api.asEditor().get("/api/subscribers?q=crlf@example.org").then().body("total", equalTo(0));
        Api.asEditor().get("/api/subscribers?q=victim").then().body("total", equalTo(0));
    }

    @Test
    void theHoneypotTurnsBotsAway() {
        new Browser().post("/subscribe", Map.of("email", "bot@example.org", "website", "http://spam.example")).then()
                .statusCode(400).body(containsString("looks automated"));
        Api.asEditor().get("/api/subscribers?q=bot@example.org").then().body("total", equalTo(0));
    }

    @Test
    void aForgedOrAlteredConfirmLinkIsRefused() throws Exception {
        signUp("forger@example.org", "");
        String link = Mails.path(Mails.link(Mails.await("forger@example.org", 1, Duration.ofSeconds(10)).get(0), "/confirm/"));
        String altered = link.substring(0, link.length() - 2) + (link.endsWith("A") ? "BB" : "AA");
        given().get(altered).then().statusCode(404).body(containsString("This link does not work"));
        new Browser().post(altered, Map.of()).then().statusCode(404).body(containsString("This link does not work"));
        given().get("/confirm/1.9999999999.abc").then().statusCode(404);
        new Browser().post("/confirm/1.9999999999.abc", Map.of()).then().statusCode(404);
        assertEquals("pending", status("forger@example.org"));
    }

    @Test
    void theHomePageCarriesTheSignUpForm() {
        String home = new Browser().get("/").then().statusCode(200).extract().asString();
        assertTrue(home.contains("action=\"/subscribe\""));
        assertTrue(home.contains("name=\"website\""), "honeypot present");
        assertTrue(home.contains("name=\"_csrf\""));
        List.of("/subscribe", "/subscribe/check-inbox").forEach(p -> given().get(p).then().statusCode(200));
    }
}
