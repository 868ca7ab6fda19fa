package dev.roundup.subscribers;

import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** One network cannot sign up addresses without end. */
@QuarkusTest
@TestProfile(SignUpLimitTest.ThreePerHour.class)
class SignUpLimitTest {

    public static class ThreePerHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("roundup.subscribers.signups-per-ip-per-hour", "3");
        }
    }

    @Test
    void theFourthSignUpFromOneAddressInAnHourIsRefused() {
        Browser browser = new Browser();
        for (int i = 0; i < 3; i++) {
            browser.post("/subscribe", Map.of("email", "limit" + i + "@example.org")).then().statusCode(303);
        }
        browser.post("/subscribe", Map.of("email", "limit3@example.org")).then().statusCode(429)
                .header("Retry-After", "3600").body(containsString("Too many sign-ups"));
    }
}
