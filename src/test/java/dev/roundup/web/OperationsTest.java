package dev.roundup.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.roundup.testing.Browser;
import dev.roundup.testing.Management;
import io.quarkus.test.junit.QuarkusTest;

/** What an operator relies on: health, metrics and the API description on the management port only, errors in plain words. */
@QuarkusTest
class OperationsTest {

    @Test
    void healthIsUpOnTheManagementInterface() {
        given().get(Management.url("/q/health/ready")).then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
        given().get(Management.url("/q/health/live")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAndOpenApiAreServedOnTheManagementInterfaceOnly() {
        given().get(Management.url("/q/metrics")).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get(Management.url("/q/openapi")).then().statusCode(200).body(containsString("/api/me"));
        given().get(Management.url("/q/swagger-ui/")).then().statusCode(200);
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health/ready")) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void theManagementInterfaceListensOnLoopbackOnly() throws Exception {
        assertEquals("127.0.0.1", ConfigProvider.getConfig().getValue("quarkus.management.host", String.class));
        InetAddress outside = nonLoopbackAddress();
        Assumptions.assumeTrue(outside != null, "this machine has no address but loopback");
        try (Socket s = new Socket()) {
            assertThrows(IOException.class, () -> s.connect(new InetSocketAddress(outside, Management.port()), 2000),
                    "the management port answers on " + outside);
        }
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (!a.isLoopbackAddress() && a instanceof Inet4Address && nic.isUp()) {
                    return a;
                }
            }
        }
        return null;
    }

    @Test
    void apiErrorsAreProblemDetails() {
        given().auth().preemptive().basic(Browser.EDITOR_EMAIL, Browser.EDITOR_PASSWORD).get("/api/no-such-thing")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not found"));
    }

    @Test
    void pageErrorsAreFriendlyPages() {
        given().get("/no-such-page").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("There is nothing at this address.")).body(containsString("Back to the front page"));
    }

    @Test
    void stylesheetIsServedLocally() {
        given().get("/static/roundup.css").then().statusCode(200).body(containsString("--accent"));
    }
}
