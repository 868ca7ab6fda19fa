package dev.roundup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The client behind proxies is the rightmost X-Forwarded-For address that is not a trusted proxy. */
class ClientAddressTest {

    private final ClientAddress behindNginx = new ClientAddress(true, List.of("127.0.0.1", "10.0.0.0/8", "::1"));

    @Test
    void fromATrustedProxyTheRightmostUntrustedAddressIsTheClient() {
        assertEquals("203.0.113.9", behindNginx.of("127.0.0.1", "6.6.6.6, 203.0.113.9"));
        assertEquals("203.0.113.9", behindNginx.of("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3"), "a second proxy inside");
        assertEquals("203.0.113.9", behindNginx.of("127.0.0.1", "203.0.113.9"));
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertEquals("198.51.100.4", behindNginx.of("198.51.100.4", "6.6.6.6, 203.0.113.9"));
        assertEquals("127.0.0.2", behindNginx.of("127.0.0.2", "6.6.6.6"));
    }

    @Test
    void withoutForwardingOnlyThePeerCounts() {
        assertEquals("127.0.0.1", new ClientAddress(false, List.of("127.0.0.1")).of("127.0.0.1", "6.6.6.6"));
        assertEquals("127.0.0.1", behindNginx.of("127.0.0.1", null));
    }

    @Test
    void garbageAndPortsAreHandled() {
        assertEquals("203.0.113.9", behindNginx.of("127.0.0.1", "203.0.113.9:4711"));
        assertEquals("2001:db8::7", behindNginx.of("127.0.0.1", "[2001:db8::7]:443"));
        assertEquals("2001:db8::7", behindNginx.of("::1", "2001:db8::7"));
        // a client's made-up value left of what the proxy appended changes nothing
        assertEquals("203.0.113.9", behindNginx.of("127.0.0.1", "evil.example, <script>, 203.0.113.9"));
        // nothing usable from the proxy: the proxy itself is the client we know
        assertEquals("127.0.0.1", behindNginx.of("127.0.0.1", "not-an-address"));
        assertEquals("10.9.9.9", behindNginx.of("127.0.0.1", "10.9.9.9"), "only proxies: the leftmost one");
    }

    @Test
    void withForwardingButNoListThePeerIsTakenForTheProxy() {
        assertEquals("203.0.113.9", new ClientAddress(true, List.of()).of("127.0.0.1", "6.6.6.6, 203.0.113.9"));
    }
}
