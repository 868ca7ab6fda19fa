package dev.roundup.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.roundup.settings.DnsCheck.State;

/** What the TXT records found mean for SPF, DKIM and DMARC, and how JNDI's TXT strings are joined. */
class DnsRulesTest {

    private static final String KEY = "v=DKIM1; k=rsa; p=MIIBIjANBgkq";

    @Test
    void spf() {
        assertEquals(State.MISSING, DnsRules.spf(List.of()).state());
        assertEquals(State.PRESENT, DnsRules.spf(List.of("v=spf1 include:_spf.relay.example ~all")).state());
        assertEquals(State.PROBLEM, DnsRules.spf(List.of("v=spf1 a ~all", "v=spf1 mx -all")).state(), "two records are a permerror");
        assertEquals(State.PROBLEM, DnsRules.spf(List.of("v=spf1 +all")).state());
        assertEquals(State.PROBLEM, DnsRules.spf(List.of("v=spf1 include:x all")).state());
        assertEquals(List.of("V=SPF1 -all"), DnsRules.ofKind(List.of("google-site-verification=abc", "V=SPF1 -all"), "v=spf1"));
    }

    @Test
    void dkimMatchesOnlyTheConfiguredKeyOnAnAlignedDomain() {
        assertEquals(State.MATCHING, DnsRules.dkim(List.of("v=DKIM1; k=rsa; p=MIIB IjANBgkq"), KEY, "example.org", "example.org").state(),
                "whitespace inside the key does not count");
        assertEquals(State.MATCHING, DnsRules.dkim(List.of(KEY), KEY, "example.org", "news.example.org").state(), "relaxed alignment");
        assertEquals(State.PROBLEM, DnsRules.dkim(List.of("v=DKIM1; k=rsa; p=OTHER"), KEY, "example.org", "example.org").state());
        assertEquals(State.MISSING, DnsRules.dkim(List.of(), KEY, "example.org", "example.org").state());
        assertEquals(State.PROBLEM, DnsRules.dkim(List.of(KEY), KEY, "mailer.example", "example.org").state(), "not aligned with From");
    }

    @Test
    void dmarc() {
        assertEquals(State.MISSING, DnsRules.dmarc(List.of()).state());
        assertEquals(State.PRESENT, DnsRules.dmarc(List.of("v=DMARC1; p=none; rua=mailto:d@example.org")).state());
        assertEquals(State.PROBLEM, DnsRules.dmarc(List.of("v=DMARC1; rua=mailto:d@example.org")).state(), "no policy");
        assertEquals(State.PROBLEM, DnsRules.dmarc(List.of("v=DMARC1; p=maybe")).state());
        assertEquals(State.PROBLEM, DnsRules.dmarc(List.of("v=DMARC1; p=none", "v=DMARC1; p=reject")).state());
    }

    @Test
    void jndiTxtStringsAreJoinedAsTheyAreMeant() {
        assertEquals("v=spf1 -all", DnsLookup.joined("\"v=spf1 -all\""));
        assertEquals("v=DKIM1; k=rsa; p=ABCDEF", DnsLookup.joined("\"v=DKIM1; k=rsa; p=ABC\" DEF"));
        assertEquals("abcdef", DnsLookup.joined("abc def"));
        assertEquals("say \"hi\"", DnsLookup.joined("\"say \\\"hi\\\"\""));
    }
}
