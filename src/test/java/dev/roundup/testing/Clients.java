package dev.roundup.testing;

import static io.restassured.RestAssured.given;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

/**
 * Requests from different clients on one machine: every address in 127.0.0.0/8 is this computer, so binding the
 * client socket to 127.0.0.2, 127.0.0.3, … makes the server see a different client address for each.
 */
public final class Clients {

    private Clients() {
    }

    /** A request whose connection leaves from this local address. */
    public static RequestSpecification from(String localAddress) {
        return from(localAddress, RestAssured.config());
    }

    /** The same, on top of other settings (TLS, say). */
    public static RequestSpecification from(String localAddress, RestAssuredConfig base) {
        try {
            InetAddress local = InetAddress.getByName(localAddress);
            // Apache HttpClient 4 (under RestAssured) binds the socket to the route's local address
            return given().config(base.httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.route.local-address", local)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(localAddress, e);
        }
    }
}
