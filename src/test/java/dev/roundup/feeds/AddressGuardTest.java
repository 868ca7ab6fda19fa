package dev.roundup.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressGuardTest {

    private final AddressGuard guard = new AddressGuard(false, List.of("10.9.8.7"));
    private final AddressGuard intranet = new AddressGuard(true, List.of());

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, a loopback address", "127.5.5.5, a loopback address", "::1, a loopback address",
            "10.0.0.1, a private address", "172.16.4.4, a private address", "192.168.1.1, a private address",
            "169.254.169.254, a link-local address", "fe80::1, a link-local address", "100.64.0.1, a private address",
            "fd00::1, a private address", "::ffff:127.0.0.1, a loopback address", "0.0.0.0, an unspecified address",
            "224.0.0.1, a multicast address", "::, an unspecified address" })
    void refusesTheMachinesOwnNetworks(String address, String reason) throws Exception {
        assertEquals(reason, guard.refusal(InetAddress.getByName(address)).orElse("allowed"), address);
    }

    @ParameterizedTest
    @CsvSource({
            "::127.0.0.1, a loopback address (127.0.0.1 inside an IPv6 address)",
            "::ffff:0:7f00:1, a loopback address (127.0.0.1 inside an IPv6 address)",
            "::10.0.0.1, a private address (10.0.0.1 inside an IPv6 address)",
            "64:ff9b::127.0.0.1, a loopback address (127.0.0.1 inside an IPv6 address)",
            "64:ff9b::a9fe:a9fe, a link-local address (169.254.169.254 inside an IPv6 address)",
            "2002:7f00:1::1, a loopback address (127.0.0.1 inside an IPv6 address)",
            "2002:c0a8:101::, a private address (192.168.1.1 inside an IPv6 address)",
            "2002:a9fe:a9fe:1:2:3:4:5, a link-local address (169.254.169.254 inside an IPv6 address)",
            "::0.0.0.7, a private address (0.0.0.7 inside an IPv6 address)" })
    void refusesIpv6AddressesThatCarryARefusedIpv4Address(String address, String reason) throws Exception {
        assertEquals(reason, guard.refusal(InetAddress.getByName(address)).orElse("allowed"), address);
    }

    @ParameterizedTest
    @CsvSource({ "64:ff9b::5db8:d822", "2002:5db8:d822::1", "::93.184.216.34" })
    void allowsIpv6AddressesThatCarryAPublicIpv4Address(String address) throws Exception {
        assertTrue(guard.refusal(InetAddress.getByName(address)).isEmpty(), address);
    }

    @ParameterizedTest
    @CsvSource({ "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "1.1.1.1", "10.9.8.7" })
    void allowsPublicAddressesAndTheConfiguredOnes(String address) throws Exception {
        assertTrue(guard.refusal(InetAddress.getByName(address)).isEmpty(), address);
    }

    @ParameterizedTest
    @CsvSource({ "127.0.0.1", "10.0.0.1", "169.254.169.254" })
    void theIntranetSettingAllowsPrivateAddresses(String address) throws Exception {
        assertTrue(intranet.refusal(InetAddress.getByName(address)).isEmpty(), address);
        assertTrue(intranet.refusal(InetAddress.getByName("224.0.0.1")).isPresent(), "never multicast");
    }

    @ParameterizedTest
    @CsvSource({
            "2001:0:4136:e378:8000:63bf:80ff:fffe, a loopback address (127.0.0.1 inside an IPv6 address)",
            "2001::f5ff:fffe, a private address (10.0.0.1 inside an IPv6 address)",
            "2001:0:4136:e378:8000:63bf:5601:5601, a link-local address (169.254.169.254 inside an IPv6 address)",
            "64:ff9b:1::7f00:1, a private address", "64:ff9b:1:ffff::5db8:d822, a private address" })
    void refusesTeredoClientsAndLocalUseNat64(String address, String reason) throws Exception {
        assertEquals(reason, guard.refusal(InetAddress.getByName(address)).orElse("allowed"), address);
    }

    @ParameterizedTest
    @CsvSource({ "2001:0:4136:e378:8000:63bf:f7f7:f7f7", "64:ff9b:2::7f00:1" })
    void allowsTeredoClientsWithAPublicAddressAndOtherPrefixes(String address) throws Exception {
        assertTrue(guard.refusal(InetAddress.getByName(address)).isEmpty(), address);
    }

    @ParameterizedTest
    @CsvSource({ "fd00::5, fd00:0:0:0:0:0:0:5", "fd00:0000::0005, fd00::5", "::ffff:10.1.2.3, 10.1.2.3", "10.1.2.3, ::ffff:a01:203" })
    void anAllowedAddressMatchesWhateverItsTextForm(String configured, String connected) throws Exception {
        AddressGuard allowing = new AddressGuard(false, List.of(configured));
        assertTrue(allowing.refusal(InetAddress.getByName(connected)).isEmpty(), configured + " allows " + connected);
        assertTrue(allowing.refusal(InetAddress.getByName("fd00::6")).isPresent(), "only that address");
    }

    @org.junit.jupiter.api.Test
    void anAllowedEntryThatIsNoIpAddressIsAConfigurationError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AddressGuard(false, List.of("intranet.example")));
        assertTrue(e.getMessage().contains("intranet.example"), e.getMessage());
    }
}
