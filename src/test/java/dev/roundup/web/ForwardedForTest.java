package dev.roundup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Clients;
import dev.roundup.testing.Guarded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Behind NGINX on this machine (127.0.0.1, the trusted proxy): the client is the rightmost X-Forwarded-For address
 * that is not the proxy, so what a client writes into the header itself counts for nothing. A consent record shows
 * which address the app took for the client.
 */
@QuarkusTest
@TestProfile(Guarded.class)
class ForwardedForTest {

    @Test
    void fromTheTrustedProxyTheRightmostUntrustedAddressIsTheClient() {
        signUp(RestAssured::given, "via-proxy@example.org", "6.6.6.6, 203.0.113.9");
        assertEquals("203.0.113.9", consentIp("via-proxy@example.org"));
    }

    @Test
    void aSecondHeaderLineCountsAsPartOfTheList() {
        // the client's own line first, the proxy's appended as a second line: the proxy's entry is still the rightmost
        Response form = RestAssured.given().header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-For", "203.0.113.10")
                .get("/subscribe");
        String csrf = form.getCookie("roundup-csrf");
        RestAssured.given().redirects().follow(false).header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-For", "203.0.113.10")
                .cookie("roundup-csrf", csrf).contentType(ContentType.URLENC)
                .formParams(Map.of("email", "two-lines@example.org", "_csrf", csrf)).post("/subscribe").then().statusCode(303);
        assertEquals("203.0.113.10", consentIp("two-lines@example.org"));
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        signUp(() -> Clients.from("127.0.0.2"), "direct@example.org", "6.6.6.6, 203.0.113.9");
        assertEquals("127.0.0.2", consentIp("direct@example.org"));
    }

    private static void signUp(Supplier<RequestSpecification> client, String email, String forwardedFor) {
        Response form = client.get().header("X-Forwarded-For", forwardedFor).get("/subscribe");
        String csrf = form.getCookie("roundup-csrf");
        client.get().redirects().follow(false).header("X-Forwarded-For", forwardedFor).cookie("roundup-csrf", csrf)
                .contentType(ContentType.URLENC).formParams(Map.of("email", email, "_csrf", csrf)).post("/subscribe")
                .then().statusCode(303);
    }

    private static String consentIp(String email) {
        return Api.asEditor().queryParam("q", email).get("/api/subscribers").then().statusCode(200).extract()
                .path("subscribers[0].consentIp");
    }
}
