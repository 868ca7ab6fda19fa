package dev.roundup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aTrustedProxyListThatCannotBeReadStopsTheStart() {
        for (String bad : List.of("localhost", "proxy.internal", "127.0.0.1:8080", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x",
                "10.0.0.0/", "::1/129", "bad.cafe")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new ClientAddress(true, List.of("127.0.0.1", bad)), bad);
            assertTrue(refused.getMessage().contains("\"" + bad + "\""), "names the entry: " + refused.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClientAddress(true, List.of("localhost")))
                .getMessage().contains("IP address"), "says what to write instead");
    }

    @Test
    void prefixesAreExact() {
        ClientAddress slash20 = new ClientAddress(true, List.of("10.1.16.0/20"));
        assertTrue(slash20.isTrusted("10.1.31.255"));
        assertFalse(slash20.isTrusted("10.1.32.0"));
        assertFalse(slash20.isTrusted("10.1.15.255"));
        assertTrue(new ClientAddress(true, List.of("0.0.0.0/0")).isTrusted("203.0.113.9"), "/0 trusts all, when written");
        assertTrue(new ClientAddress(true, List.of("2001:db8::/32")).isTrusted("2001:db8:ffff::1"));
        assertFalse(new ClientAddress(true, List.of("2001:db8::/32")).isTrusted("2001:db9::1"));
    }

    @Test
    void namesAreNeverTakenForAddresses() {
        // hex letters and dots: once parsed by InetAddress.getByName, which asks DNS
        assertEquals("203.0.113.9", behindNginx.of("127.0.0.1", "bad.cafe, 203.0.113.9"));
        assertEquals("127.0.0.1", behindNginx.of("127.0.0.1", "bad.cafe"));
        assertFalse(behindNginx.isTrusted("dead.beef"));
    }

    @Test
    void addressesAreCanonical() {
        assertEquals("2001:db8::7", behindNginx.of("127.0.0.1", "2001:DB8:0:0:0:0:0:7"));
        assertEquals("203.0.113.9", behindNginx.of("127.0.0.1", "::ffff:203.0.113.9"), "IPv4-mapped IPv6 is IPv4");
        assertEquals("2001:db8::7", behindNginx.of("2001:0db8::0007", null), "the peer too");
    }

    @Test
    void anIpv6ClientIsLimitedByItsSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.limitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(ClientAddress.limitKey("2001:db8:1:2::1"), ClientAddress.limitKey("2001:db8:1:2:ffff::1"));
        assertEquals("203.0.113.9", ClientAddress.limitKey("203.0.113.9"));
        assertEquals("unknown", ClientAddress.limitKey("unknown"));
    }
}
