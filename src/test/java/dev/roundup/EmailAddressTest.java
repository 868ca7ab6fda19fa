package dev.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What an address is, and when two spellings are one person. */
class EmailAddressTest {

    static String key(String raw) {
        return EmailAddress.keyOf(raw).orElseThrow(() -> new AssertionError("not an address: " + raw));
    }

    @Test
    void caseAndSurroundingSpaceDoNotMakeAnotherPerson() {
        assertEquals("lena.schmidt@example.de", key("Lena.Schmidt@example.de"));
        assertEquals(key("lena.schmidt@example.de"), key("  LENA.SCHMIDT@EXAMPLE.DE\t"));
        assertTrue(EmailAddress.sameAddress("Victim@example.org", "vIctim@Example.ORG"));
        assertFalse(EmailAddress.sameAddress("victim@example.org", "victim2@example.org"));
        assertFalse(EmailAddress.sameAddress("not an address", "not an address"), "nothing is the same as nothing");
    }

    @Test
    void theDisplayFormIsWhatThePersonTypedWithTheDomainInLowerCase() {
        EmailAddress a = EmailAddress.parse("  Lena.Schmidt@Example.DE ").orElseThrow();
        assertEquals("Lena.Schmidt@example.de", a.display());
        assertEquals("lena.schmidt@example.de", a.key());
        assertEquals("Lena.Schmidt@example.de", a.toString());
    }

    @Test
    void anInternationalDomainIsOneKeyInUnicodeOrPunycode() {
        String unicode = key("anna@münchen.de");
        assertEquals("anna@münchen.de", unicode);
        assertEquals(unicode, key("anna@xn--mnchen-3ya.de"));
        assertEquals(unicode, key("Anna@MÜNCHEN.DE"));
        assertEquals(unicode, key("anna@XN--MNCHEN-3YA.DE"));
        // "ü" typed as u + combining diaeresis (NFD, as macOS file names and some keyboards produce it)
        assertEquals(unicode, key("anna@mu\u0308nchen.de"));
        assertTrue(EmailAddress.sameAddress("anna@xn--mnchen-3ya.de", "ANNA@München.de"));
        assertEquals("anna@xn--mnchen-3ya.de", EmailAddress.parse("anna@XN--mnchen-3ya.de").orElseThrow().display(),
                "shown as typed, only in lower case");
    }

    @Test
    void aUnicodeLocalPartIsComparedInNfcAndLowerCase() {
        assertEquals(key("J\u00fcrgen@example.de"), key("Ju\u0308rgen@example.de"));
        assertEquals("j\u00fcrgen@example.de", key("J\u00dcRGEN@example.de"));
    }

    @Test
    void whatIsNotOneMailboxIsRefused() {
        List<String> bad = List.of("", "   ", "plain", "@example.org", "name@", "a@b@example.org", "name@localhost", "name@.example.org",
                "name@example..org", "name@example.org.", "Name <name@example.org>", "a,b@example.org", "na me@example.org",
                "victim@example.org\r\nBcc: everyone@example.org", "\"quoted\"@example.org", "x".repeat(65) + "@example.org",
                "a@" + "b".repeat(250) + ".org", "name@exa_mple.org");
        for (String raw : bad) {
            assertTrue(EmailAddress.parse(raw).isEmpty(), "should refuse: " + raw);
        }
        assertTrue(EmailAddress.parse(null).isEmpty());
        assertFalse(EmailAddress.sameAddress(null, null));
    }

    @Test
    void anEditorAccountMayLiveOnAHostWithoutADot() {
        assertTrue(EmailAddress.parse("admin@localhost").isEmpty(), "no one can mail it");
        assertEquals("admin@localhost", EmailAddress.parseAccount("Admin@LocalHost").orElseThrow().key());
        assertTrue(EmailAddress.parseAccount("admin").isEmpty());
        assertTrue(EmailAddress.parseAccount("ad min@localhost").isEmpty());
    }
}
