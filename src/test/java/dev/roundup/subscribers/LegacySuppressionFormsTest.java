package dev.roundup.subscribers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.roundup.EmailAddress;

/** The spellings a suppression entry may have been hashed under before addresses had a key. */
class LegacySuppressionFormsTest {

    static Set<String> forms(String raw) {
        return SuppressionList.legacyForms(EmailAddress.parse(raw).orElseThrow());
    }

    @Test
    void aPlainAddressHasOneFormItsKey() {
        assertEquals(Set.of("lena.schmidt@example.de"), forms("Lena.Schmidt@Example.DE"));
    }

    @Test
    void anInternationalDomainWasHashedAsTypedUnicodeOrPunycode() {
        Set<String> forms = forms("Old.Hash@München.de");
        assertTrue(forms.contains("old.hash@münchen.de"), forms.toString());
        assertTrue(forms.contains("old.hash@xn--mnchen-3ya.de"), forms.toString());
        assertEquals(forms, forms("old.hash@xn--mnchen-3ya.de"), "either spelling finds both");
    }

    @Test
    void aLocalPartTypedInNfdWasHashedAsTyped() {
        Set<String> forms = forms("Ju\u0308rgen@example.de");
        assertTrue(forms.contains("ju\u0308rgen@example.de"));
        assertTrue(forms.contains("j\u00fcrgen@example.de"));
    }
}
