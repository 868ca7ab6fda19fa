package dev.roundup.subscribers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.AtOnce;
import dev.roundup.testing.Browser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;

/** Leaving takes one click, from the page or straight from the mail client (RFC 8058), and cannot be forged. */
@QuarkusTest
class UnsubscribeTest {

    @Inject
    SubscriberLinks links;

    @Inject
    Subscriptions subscriptions;

    String confirmedSubscriberToken(String email) {
        Api.asEditor().body(Map.of("email", email, "confirmed", true)).post("/api/subscribers").then().statusCode(201);
        return QuarkusTransaction.requiringNew().call(() -> links.unsubscribeToken(Subscriber.findByEmail(email).orElseThrow()));
    }

    static String status(String email) {
        return Api.asEditor().get("/api/subscribers?q=" + email).then().extract().path("subscribers[0].status");
    }

    @Test
    void gmailsOneClickPostWorksWithoutCookiesAndNeverRedirects() {
        String token = confirmedSubscriberToken("oneclick@example.org");
        for (int i = 0; i < 3; i++) {
            Response r = given().redirects().follow(false)
                    .config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                    .contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                    .post("/unsubscribe/" + token);
            assertEquals(200, r.statusCode(), "attempt " + (i + 1));
            assertNull(r.header("Location"));
            assertNull(r.header("Set-Cookie"), "no cookie needed or set");
            assertTrue(r.asString().contains("You are unsubscribed"));
        }
        assertEquals("unsubscribed", status("oneclick@example.org"));
    }

    @Test
    void multipartOneClickWorksToo() {
        String token = confirmedSubscriberToken("multipart@example.org");
        given().redirects().follow(false).multiPart("List-Unsubscribe", "One-Click").post("/unsubscribe/" + token)
                .then().statusCode(200);
        assertEquals("unsubscribed", status("multipart@example.org"));
    }

    @Test
    void openingTheLinkChangesNothing() {
        String token = confirmedSubscriberToken("prefetch@example.org");
        for (int i = 0; i < 3; i++) {
            given().get("/unsubscribe/" + token).then().statusCode(200).body(containsString("Unsubscribe from Roundup?"))
                    .body(containsString("prefetch@example.org"));
        }
        given().head("/unsubscribe/" + token).then().statusCode(200);
        assertEquals("confirmed", status("prefetch@example.org"));
    }

    @Test
    void anAlteredOrForgedTokenIsRejected() {
        String token = confirmedSubscriberToken("forged@example.org");
        for (int i = 0; i < token.length(); i += 7) {
            char c = token.charAt(i);
            String altered = token.substring(0, i) + (c == 'x' ? 'y' : 'x') + token.substring(i + 1);
            given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                    .post("/unsubscribe/" + altered).then().statusCode(404);
            given().get("/unsubscribe/" + altered).then().statusCode(404);
        }
        long id = QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail("forged@example.org").orElseThrow().id);
        given().post("/unsubscribe/" + id).then().statusCode(404);
        given().post("/unsubscribe/forged@example.org").then().statusCode(404);
        assertEquals("confirmed", status("forged@example.org"));
    }

    @Test
    void anUnsubscribeLinkFromBeforeAResubscribeStillUnsubscribes() {
        String token = confirmedSubscriberToken("comeback@example.org");
        Browser browser = new Browser();
        browser.post("/unsubscribe/" + token, Map.of("List-Unsubscribe", "One-Click")).then().statusCode(200);
        String page = browser.get("/unsubscribe/" + token).then().statusCode(200).extract().asString();
        assertTrue(page.contains("Resubscribe"));
        browser.post("/unsubscribe/" + token + "/resubscribe", Map.of()).then().statusCode(200).body(containsString("Welcome back"));
        assertEquals("confirmed", status("comeback@example.org"));
        String fresh = QuarkusTransaction.requiringNew().call(() -> links.unsubscribeToken(Subscriber.findByEmail("comeback@example.org").orElseThrow()));
        assertNotEquals(token, fresh);
        assertFalse(fresh.contains("comeback"), "the address is not in the token");

        // the old mail's link still shows the page and still unsubscribes, now and after any number of resubscribes
        given().get("/unsubscribe/" + token).then().statusCode(200).body(containsString("Unsubscribe from"));
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                .post("/unsubscribe/" + token).then().statusCode(200).body(containsString("You are unsubscribed"));
        assertEquals("unsubscribed", status("comeback@example.org"));

        // only the newest link resubscribes: an old mail is no renewed consent
        String old = browser.get("/unsubscribe/" + token).then().statusCode(200).extract().asString();
        assertFalse(old.contains("/resubscribe"), "an old link offers no resubscribe button");
        browser.post("/unsubscribe/" + token + "/resubscribe", Map.of()).then().statusCode(404);
        assertEquals("unsubscribed", status("comeback@example.org"));
        browser.postWithoutToken("/unsubscribe/" + fresh + "/resubscribe", Map.of()).then().statusCode(403);
        browser.post("/unsubscribe/" + fresh + "/resubscribe", Map.of()).then().statusCode(200).body(containsString("Welcome back"));
        assertEquals("confirmed", status("comeback@example.org"));
    }

    @Test
    void theLinkOfASpellingMergedIntoAnotherReaderStillUnsubscribesThem() {
        confirmedSubscriberToken("Merged.Reader@example.org");
        // what V9 leaves of a merged case variant: its public id, pointing at the reader it was merged into
        QuarkusTransaction.requiringNew().run(() -> Subscriber.getEntityManager()
                .createNativeQuery("insert into subscriber_alias (public_id, subscriber_id, token_version) values ('mergedvariant01', ?1, 1)")
                .setParameter(1, Subscriber.findByEmail("merged.reader@example.org").orElseThrow().id).executeUpdate());
        String old = links.unsubscribeToken("mergedvariant01", 1);
        given().get("/unsubscribe/" + old).then().statusCode(200).body(containsString("Merged.Reader@example.org"));
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post("/unsubscribe/" + old)
                .then().statusCode(200).body(containsString("You are unsubscribed"));
        assertEquals("unsubscribed", status("merged.reader@example.org"));
        new Browser().post("/unsubscribe/" + old + "/resubscribe", Map.of()).then().statusCode(404);
        given().post("/unsubscribe/" + links.unsubscribeToken("mergedvariant01", 2)).then().statusCode(404);
    }

    @Test
    void aDoubleClickedResubscribeButtonWelcomesTheReaderBackTwice() throws Exception {
        for (int round = 0; round < 3; round++) {
            String email = "double.resubscribe" + round + "@example.org";
            String token = confirmedSubscriberToken(email);
            given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post("/unsubscribe/" + token)
                    .then().statusCode(200);
            List<Integer> codes = AtOnce.answers(4, () -> {
                Browser browser = new Browser();
                browser.csrfToken();
                return browser.post("/unsubscribe/" + token + "/resubscribe", Map.of()).statusCode();
            }).stream().distinct().toList();
            assertEquals(List.of(200), codes, "every click is welcomed back, none fails or finds the link gone");
            assertEquals("confirmed", status(email));
            long resubscribed = QuarkusTransaction.requiringNew().call(() -> SubscriberEvent.count("subscriber.email = ?1 and kind = 'resubscribed'",
                    email));
            assertEquals(1, resubscribed);
        }
    }

    @Test
    void aBounceRacingAOneClickUnsubscribeIsNeverLost() throws Exception {
        for (int round = 0; round < 5; round++) {
            String email = "bounce.race" + round + "@example.org";
            String token = confirmedSubscriberToken(email);
            long id = QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().id);
            int n = 6;
            CyclicBarrier start = new CyclicBarrier(n);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    boolean bounce = i % 2 == 0;
                    done.add(pool.submit(() -> {
                        start.await();
                        if (bounce) {
                            subscriptions.softBounce(id, "mailbox full");
                            subscriptions.hardBounce(id, "550 no such user");
                        } else {
                            given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                                    .post("/unsubscribe/" + token).then().statusCode(200);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(); // a lost race would throw here, after the bounce row was already stored
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(subscriptions.isSuppressed(email), "round " + round);
        }
    }
}
