package dev.roundup.feeds;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.FeedServer;
import dev.roundup.testing.Guarded;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With the guard on (the production default), a feed URL cannot reach the machine's own network, not even through
 * a redirect from an allowed server. 127.0.0.2 stands in for an allowed intranet server.
 */
@QuarkusTest
@TestProfile(Guarded.class)
class GuardedFetchTest {

    static FeedServer loopback;
    static FeedServer allowed;

    @BeforeAll
    static void start() {
        loopback = FeedServer.start().serveFixture("/secret.xml", "rss1-rdf.xml");
        allowed = new FeedServer("127.0.0.2").redirect("/jump.xml", 302, loopback.url("/secret.xml"))
                .serveFixture("/fine.xml", "rss1-rdf.xml");
    }

    @AfterAll
    static void stop() {
        loopback.close();
        allowed.close();
    }

    @Test
    void loopbackIsRefusedBeforeAnyConnection() {
        Api.asEditor().body(Map.of("url", loopback.url("/secret.xml"))).post("/api/feeds").then().statusCode(400)
                .body("errors.url", containsString("refused to connect to 127.0.0.1 (127.0.0.1): a loopback address"));
        Api.asEditor().body(Map.of("url", "http://169.254.169.254/latest/meta-data/")).post("/api/feeds").then().statusCode(400)
                .body("errors.url", containsString("a link-local address"));
        Api.asEditor().body(Map.of("url", "file:///etc/passwd")).post("/api/feeds").then().statusCode(400)
                .body("errors.url", containsString("only http:// and https://"));
        assertEquals(0, loopback.requests("/secret.xml").size(), "no request reached the loopback server");
    }

    @Test
    void loopbackInsideAnIpv6AddressIsRefusedToo() {
        for (String host : new String[] { "[::127.0.0.1]", "[::ffff:127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]" }) {
            Api.asEditor().body(Map.of("url", "http://" + host + ":" + loopback.port() + "/secret.xml")).post("/api/feeds").then()
                    .statusCode(400).body("errors.url", containsString("a loopback address"));
        }
        Api.asEditor().body(Map.of("url", "http://[::127.0.0.1]:" + loopback.port() + "/secret.xml")).post("/api/feeds").then()
                .body("errors.url", containsString("127.0.0.1 inside an IPv6 address"));
        assertEquals(0, loopback.requests("/secret.xml").size(), "no request reached the loopback server");
    }

    @Test
    void aRedirectHopToLoopbackIsRefused() {
        Api.asEditor().body(Map.of("url", allowed.url("/jump.xml"))).post("/api/feeds").then().statusCode(400)
                .body("errors.url", containsString("a loopback address"));
        assertEquals(1, allowed.requests("/jump.xml").size());
        assertEquals(0, loopback.requests("/secret.xml").size());
    }

    @Test
    void anExplicitlyAllowedAddressWorks() {
        Api.asEditor().body(Map.of("url", allowed.url("/fine.xml"))).post("/api/feeds").then().statusCode(201);
        assertTrue(allowed.requests("/fine.xml").size() >= 1);
    }
}
