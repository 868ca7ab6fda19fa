package dev.roundup.web;

import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.listings.SubmissionTestForms;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Guarded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** One network cannot sign up addresses or submit listings without end. */
@QuarkusTest
@TestProfile(Guarded.class)
class BotLimitsTest {

    @Test
    void theFourthSignUpFromOneAddressInAnHourIsRefused() {
        Browser browser = new Browser();
        for (int i = 0; i < 3; i++) {
            browser.post("/subscribe", Map.of("email", "limit" + i + "@example.org")).then().statusCode(303);
        }
        browser.post("/subscribe", Map.of("email", "limit3@example.org")).then().statusCode(429)
                .header("Retry-After", "3600").body(containsString("Too many sign-ups"));
    }

    @Test
    void theThirdSubmissionFromOneAddressInAnHourIsRefused() {
        Browser browser = new Browser();
        browser.post("/submit/project", SubmissionTestForms.project("Limit One", "l1@example.org")).then().statusCode(303);
        browser.post("/submit/job", SubmissionTestForms.job("Limit Two", "l2@example.org")).then().statusCode(303);
        browser.post("/submit/project", SubmissionTestForms.project("Limit Three", "l3@example.org")).then().statusCode(429)
                .body(containsString("Too many submissions"));
    }
}
