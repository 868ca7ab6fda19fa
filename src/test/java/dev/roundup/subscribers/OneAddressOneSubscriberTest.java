package dev.roundup.subscribers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.Secrets;
import dev.roundup.testing.Api;
import dev.roundup.testing.AtOnce;
import dev.roundup.testing.Browser;
import dev.roundup.testing.GreenMailResource;
import dev.roundup.testing.Mails;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * One person is one subscriber, however they spell their address: sign-up, confirmation, import, export, the editor,
 * the API and suppression all go by its key; the confirmation link confirms only when its button is pressed.
 */
@QuarkusTest
class OneAddressOneSubscriberTest {

    @Inject
    SubscriberLinks links;

    @Inject
    Secrets secrets;

    static int signUp(String email) {
        return new Browser().post("/subscribe", Map.of("email", email, "name", "", "website", "")).statusCode();
    }

    static JsonPath search(String q) {
        return Api.asEditor().get("/api/subscribers?q=" + q).then().statusCode(200).extract().jsonPath();
    }

    static List<String> history(String email) {
        int id = search(email).getInt("subscribers[0].id");
        return Api.asEditor().get("/api/subscribers/" + id + "/history").then().statusCode(200).extract().jsonPath().getList("kind");
    }

    @Test
    void signingUpInFiveSpellingsIsOneSubscriberWithOneDailyAllowance() throws Exception {
        assertEquals(303, signUp("Lena.Schmidt@one.example.de"));
        Mails.await("Lena.Schmidt@one.example.de", 1, Duration.ofSeconds(10));
        assertEquals(303, signUp("lena.schmidt@ONE.example.de"), "the same answer as for a new address");
        Mails.await("Lena.Schmidt@one.example.de", 2, Duration.ofSeconds(10));
        for (String spelling : List.of("LENA.SCHMIDT@one.example.de", " lena.SCHMIDT@one.example.de", "lEna.schmidt@One.Example.De")) {
            assertEquals(303, signUp(spelling));
        }
        JsonPath found = search("lena.schmidt@one.example.de");
        assertEquals(1, found.getInt("total"), "one subscriber: " + found.prettify());
        assertEquals("Lena.Schmidt@one.example.de", found.getString("subscribers[0].email"), "shown as first typed");
        assertEquals(1, search("LENA.SCHMIDT@ONE.EXAMPLE.DE").getInt("total"), "found in any spelling");

        Mails.await("Lena.Schmidt@one.example.de", 3, Duration.ofSeconds(10));
        assertEquals(3, history("lena.schmidt@one.example.de").stream().filter("confirmation-requested"::equals).count(),
                "three confirmation mails a day per address, not per spelling");
        assertEquals(3, GreenMailResource.to("one.example.de").size());
    }

    @Test
    void unsubscribingOneSpellingStopsTheMailToEverySpelling() {
        Api.asEditor().body(Map.of("email", "Max.Muster@two.example.de", "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        assertEquals(303, signUp("max.muster@two.example.de"), "a confirmed reader signing up again gets the usual answer");
        String token = QuarkusTransaction.requiringNew().call(() -> links.unsubscribeToken(Subscriber.findByEmail("MAX.MUSTER@two.example.de").orElseThrow()));
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post("/unsubscribe/" + token)
                .then().statusCode(200);
        for (String spelling : List.of("Max.Muster@two.example.de", "max.muster@two.example.de", "MAX.MUSTER@TWO.EXAMPLE.DE")) {
            JsonPath found = search(spelling);
            assertEquals(1, found.getInt("total"));
            assertEquals("unsubscribed", found.getString("subscribers[0].status"), spelling);
        }
    }

    @Test
    void anImportMergesSpellingsWithinTheFileAndWithTheList() {
        Api.asEditor().body(Map.of("email", "Old.Reader@three.example.de", "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        String csv = "email,name\nCsv.Twin@three.example.de,First\ncsv.twin@THREE.example.de,Second\nold.reader@three.example.de,Old\n"
                + "CSV.TWIN@three.example.de,Third\n";
        JsonPath report = Api.asEditor().contentType("text/csv").body(csv).post("/api/subscribers/import?mode=confirmed")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(4, report.getInt("rows"));
        assertEquals(1, report.getInt("added"), report.prettify());
        assertEquals(3, report.getInt("merged"));
        assertEquals(2, search("three.example.de").getInt("total"));
        assertEquals("Csv.Twin@three.example.de", search("csv.twin@three.example.de").getString("subscribers[0].email"));

        String export = Api.asEditor().accept("text/csv").get("/api/subscribers/export?q=three.example.de").then().statusCode(200).extract().asString();
        assertEquals(1, export.lines().filter(l -> l.toLowerCase().startsWith("csv.twin@")).count(), export);
        assertEquals(1, export.lines().filter(l -> l.toLowerCase().startsWith("old.reader@")).count(), export);
    }

    @Test
    void theEditorAndTheApiSayACaseVariantIsAlreadyThere() {
        Api.asEditor().body(Map.of("email", "Api.Twin@four.example.de")).post("/api/subscribers").then().statusCode(201);
        Api.asEditor().body(Map.of("email", "api.twin@FOUR.example.de", "confirmed", true)).post("/api/subscribers").then().statusCode(400)
                .body(containsString("already on the list")).body(containsString("Api.Twin@four.example.de"));
        Browser.signedInEditor().post("/editor/subscribers", Map.of("email", "API.TWIN@four.example.de", "name", "", "mode", "confirmed"))
                .then().statusCode(400).body(containsString("already on the list"));
        assertEquals(1, search("four.example.de").getInt("total"));
    }

    @Test
    void aSuppressedAddressStaysSuppressedInEverySpelling() {
        int id = Api.asEditor().body(Map.of("email", "Gone.Reader@five.example.de", "confirmed", true)).post("/api/subscribers")
                .then().statusCode(201).extract().path("id");
        Api.asEditor().delete("/api/subscribers/" + id).then().statusCode(204);

        assertEquals(303, signUp("gone.reader@FIVE.example.de"), "the usual answer, nothing told");
        Api.asEditor().body(Map.of("email", "GONE.READER@five.example.de")).post("/api/subscribers").then().statusCode(400)
                .body(containsString("suppression list"));
        JsonPath report = Api.asEditor().contentType("text/csv").body("gone.READER@five.example.de\n").post("/api/subscribers/import?mode=confirmed")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, report.getInt("skipped"));
        assertEquals(0, search("five.example.de").getInt("total"));
    }

    @Test
    void aSuppressionHashedTheOldWayStillMatches() {
        // before keys, suppression hashed the stored address lower-cased: with its domain as typed, here in punycode
        QuarkusTransaction.requiringNew().run(() -> {
            Suppression old = new Suppression();
            String h = secrets.sign("suppression", "old.hash@xn--mnchen-3ya.de");
            old.emailHash = h.length() > 64 ? h.substring(0, 64) : h;
            old.reason = "hard-bounce";
            old.createdAt = Instant.now();
            old.persist();
        });
        assertEquals(303, signUp("Old.Hash@München.de"));
        Api.asEditor().body(Map.of("email", "old.hash@xn--mnchen-3ya.de")).post("/api/subscribers").then().statusCode(400)
                .body(containsString("suppression list"));
        assertEquals(0, search("old.hash").getInt("total"));
    }

    @Test
    void openingTheConfirmLinkChangesNothingAndTheButtonConfirms() throws Exception {
        assertEquals(303, signUp("Scanned.Reader@six.example.de"));
        String path = Mails.path(Mails.link(Mails.await("Scanned.Reader@six.example.de", 1, Duration.ofSeconds(10)).get(0), "/confirm/"));
        for (int i = 0; i < 3; i++) {
            given().head(path).then().statusCode(200);
            given().get(path).then().statusCode(200).body(containsString("Confirm your subscription"))
                    .body(containsString("method=\"post\" action=\"" + path + "\""));
        }
        assertEquals("pending", search("scanned.reader@six.example.de").getString("subscribers[0].status"), "a mail scanner confirms nobody");
        assertFalse(history("scanned.reader@six.example.de").contains("confirmed"));

        // the reader's browser, fresh from the mail client: the page it opened gave it the CSRF cookie for the button
        Browser reader = new Browser();
        reader.get(path).then().statusCode(200);
        reader.post(path, Map.of()).then().statusCode(200).body(containsString("You're in!"));
        assertEquals("confirmed", search("scanned.reader@six.example.de").getString("subscribers[0].status"));
        assertTrue(history("scanned.reader@six.example.de").contains("confirmed"));
    }

    @Test
    void aDoubleClickedConfirmButtonAndAOneClickBesideTheReaderAnswerNormally() throws Exception {
        assertEquals(303, signUp("Double.Click@eight.example.de"));
        String path = Mails.path(Mails.link(Mails.await("Double.Click@eight.example.de", 1, Duration.ofSeconds(10)).get(0), "/confirm/"));
        assertEquals(List.of(200), AtOnce.answers(10, () -> {
            Browser reader = new Browser();
            reader.csrfToken();
            return reader.post(path, Map.of()).statusCode();
        }).stream().distinct().toList());
        assertEquals(1, history("double.click@eight.example.de").stream().filter("confirmed"::equals).count());

        String token = QuarkusTransaction.requiringNew().call(() -> links.unsubscribeToken(Subscriber.findByEmail("double.click@eight.example.de").orElseThrow()));
        assertEquals(List.of(200), AtOnce.answers(10, () -> given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post("/unsubscribe/" + token).statusCode()).stream().distinct().toList());
        assertEquals(1, history("double.click@eight.example.de").stream().filter("unsubscribed"::equals).count());
    }

    @Test
    void aConfirmLinkMailedToASpellingMergedAwayStillConfirmsTheReader() {
        assertEquals(303, signUp("Merged.Pending@nine.example.de"));
        // what V9 leaves of a merged case variant: its public id, pointing at the reader it was merged into
        QuarkusTransaction.requiringNew().run(() -> Subscriber.getEntityManager()
                .createNativeQuery("insert into subscriber_alias (public_id, subscriber_id, token_version) values ('mergedpending01', ?1, 0)")
                .setParameter(1, Subscriber.findByEmail("merged.pending@nine.example.de").orElseThrow().id).executeUpdate());
        String payload = "mergedpending01." + java.time.Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
        String path = "/confirm/" + payload + "." + secrets.sign("confirm", payload);
        given().get(path).then().statusCode(200).body(containsString("Confirm your subscription"));
        new Browser().post(path, Map.of()).then().statusCode(200).body(containsString("You're in!"));
        assertEquals("confirmed", search("merged.pending@nine.example.de").getString("subscribers[0].status"));
    }

    /** The distinct answers of {@code n} requests released at the same instant. */
    @Test
    void twentySimultaneousSignUpsOfOneAddressAreOneSubscriberAndNoError() throws Exception {
        List<Integer> codes = AtOnce.posts(20, "/subscribe", i -> Map.of("email",
                i % 2 == 0 ? "Burst.Reader@seven.example.de" : "burst.reader@SEVEN.example.de", "name", "Burst", "website", ""));
        for (int code : codes) {
            assertEquals(303, code, "every visitor gets the normal answer");
        }
        JsonPath found = search("burst.reader@seven.example.de");
        assertEquals(1, found.getInt("total"), found.prettify());
        assertEquals(1, history("burst.reader@seven.example.de").stream().filter("signed-up"::equals).count());
        long requested = history("burst.reader@seven.example.de").stream().filter("confirmation-requested"::equals).count();
        assertTrue(requested >= 1 && requested <= 3, "within the daily allowance: " + requested);
        Mails.await("seven.example.de", (int) requested, Duration.ofSeconds(10));
    }
}
