package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The name Roundup greets the relay with: the setting, else the From domain, else the base URL's host; never a bare localhost when a real name is known. */
class EhloNameTest {

    @Test
    void theSettingWins() {
        assertEquals("mx1.example.org", EhloName.choose(Optional.of(" mx1.example.org "), "news@example.org", URI.create("https://news.example.net/")));
    }

    @Test
    void otherwiseTheFromDomain() {
        assertEquals("example.org", EhloName.choose(Optional.empty(), "news@Example.ORG", URI.create("https://news.example.net/")));
        assertEquals("example.org", EhloName.choose(Optional.of(" "), "news@example.org", null));
    }

    @Test
    void aFromDomainThatIsNoRealNameGivesWayToTheBaseUrlsHost() {
        assertEquals("news.example.net", EhloName.choose(Optional.empty(), "roundup@localhost", URI.create("https://news.example.net/")));
        assertEquals("news.example.net", EhloName.choose(Optional.empty(), "roundup@mybox", URI.create("http://news.example.net:8080/")));
    }

    @Test
    void withNothingBetterTheFromDomainStays() {
        assertEquals("localhost", EhloName.choose(Optional.empty(), "roundup@localhost", URI.create("http://localhost:8080/")));
        assertEquals("mybox", EhloName.choose(Optional.empty(), "roundup@mybox", URI.create("http://127.0.0.1:8080/")));
    }

    @Test
    void aSettingThatIsNoHostNameIsRefusedRatherThanWrittenIntoTheCommand() {
        assertThrows(IllegalArgumentException.class, () -> EhloName.choose(Optional.of("mx1.example.org\r\nRSET"), "news@example.org", null));
        assertThrows(IllegalArgumentException.class, () -> EhloName.choose(Optional.of("mx1 example.org"), "news@example.org", null));
        assertEquals("[192.0.2.1]", EhloName.choose(Optional.of("[192.0.2.1]"), "news@example.org", null));
    }

    @Test
    void anInternationalDomainGoesOutInItsAsciiForm() {
        assertEquals("xn--bcher-kva.example", EhloName.choose(Optional.empty(), "news@bücher.example", null));
        assertEquals("xn--bcher-kva.example", EhloName.choose(Optional.of("Bücher.example"), "news@example.org", null));
    }
}
