package dev.roundup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one set of text rules, as a spec: what a name, a line, a text, a link and an address may be. */
class TextRulesTest {

    private static final String THUMBS = "\uD83D\uDC4D\uD83C\uDFFD"; // 👍🏽: a thumb and its skin tone, one grapheme of four chars

    @Test
    void aNameIsOptionalAndStoredStripped() {
        assertNull(TextRules.checkName("name", null));
        assertNull(TextRules.checkName("name", "   "));
        assertEquals("Lena Schmidt", TextRules.checkName("name", "  Lena Schmidt \t"));
    }

    @Test
    void aNameIsOneLine() {
        for (String broken : List.of("Two\nLines", "Two\r\nLines", "Tab\tbed", "Bell\u0007", "Null\u0000", "Line\u2028sep", "Para\u2029sep",
                "Next\u0085line")) {
            Rejected r = assertThrows(Rejected.class, () -> TextRules.checkName("name", broken), broken);
            assertEquals("name", r.field().orElseThrow());
            assertEquals(TextRules.NAME_RULE, r.getMessage());
        }
    }

    @Test
    void aNameCannotReadBackwardsOrHideItsEnd() {
        // "\u202E" (right-to-left override) would show "Ann\u202Enimda" as "Annadmin"; isolates can hide text the same way
        for (String bidi : List.of("Ann\u202Enimda", "Ann\u202Dx", "Ann\u202Ax", "Ann\u2066x\u2069", "Ann\u2067x", "Ann\u2068x")) {
            assertThrows(Rejected.class, () -> TextRules.checkName("name", bidi), bidi);
        }
        // a right-to-left name itself, and the marks that help it, are names
        assertEquals("\u05D3\u05E0\u05D4 \u05DC\u05D5\u05D9", TextRules.checkName("name", "\u05D3\u05E0\u05D4 \u05DC\u05D5\u05D9"));
        assertEquals("Dana \u200F(\u05D3\u05E0\u05D4)", TextRules.checkName("name", "Dana \u200F(\u05D3\u05E0\u05D4)"));
    }

    @Test
    void aNameHasAtMost200Characters() {
        assertEquals("x".repeat(200), TextRules.checkName("name", "x".repeat(200)));
        assertThrows(Rejected.class, () -> TextRules.checkName("name", "x".repeat(201)));
        assertEquals("x".repeat(200), TextRules.checkName("name", "  " + "x".repeat(200) + "  "), "counted after stripping");
    }

    @Test
    void emojiAndAccentsAreNamesAndCountAsTheyAreStored() {
        assertEquals("Zoë " + THUMBS + " \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
                TextRules.checkName("name", "Zoë " + THUMBS + " \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"));
        assertEquals(THUMBS.repeat(50), TextRules.checkName("name", THUMBS.repeat(50)), "50 emoji are 200 chars");
        assertThrows(Rejected.class, () -> TextRules.checkName("name", THUMBS.repeat(50) + "x"));
    }

    @Test
    void cuttingKeepsWholeGraphemes() {
        assertEquals("ab", Graphemes.cut("ab" + THUMBS, 5), "never half an emoji");
        assertEquals("ab" + THUMBS, Graphemes.cut("ab" + THUMBS + "c", 6));
        assertEquals("caf", Graphemes.cut("cafe\u0301", 4), "never a letter without its accent");
        assertEquals("cafe\u0301", Graphemes.cut("cafe\u0301", 5));
        assertEquals("short", Graphemes.cut("short", 200));
    }

    @Test
    void textMadeOneLineWhereRefusingIsNoOption() {
        assertEquals("Subject Bcc: x@example.org", TextRules.toOneLine("Subject\r\nBcc: x@example.org", 300));
        assertEquals("a b c", TextRules.toOneLine("a\u2028b\u202Ec", 300));
        assertEquals("ab", TextRules.toOneLine("ab" + THUMBS, 5), "cut between graphemes");
        assertEquals("", TextRules.toOneLine(null, 10));
    }

    @Test
    void aFormCollectsEveryFieldsError() {
        TextRules rules = new TextRules();
        assertNull(rules.line("title", " ", 100, true));
        rules.line("company", "ACME\nBcc: x", 100, true);
        rules.line("salary", "x".repeat(121), 120, false);
        rules.text("description", "Line one\r\nLine two", 600);
        rules.email("email", "not-an-address");
        assertFalse(rules.ok());
        assertEquals("This field is required.", rules.errors().get("title"));
        assertEquals("Keep this on one line.", rules.errors().get("company"));
        assertEquals("At most 120 characters (this has 121).", rules.errors().get("salary"));
        assertEquals("Enter an email address like name@example.org.", rules.errors().get("email"));
        assertFalse(rules.errors().containsKey("description"), "a text keeps its line breaks");
        assertEquals("Line one\nLine two", rules.values().get("description"));
        Rejected all = assertThrows(Rejected.class, rules::check);
        assertEquals("title", all.field().orElseThrow(), "the first broken field");
        assertEquals(4, all.errors().size());
    }

    @Test
    void aTextIsPlainText() {
        assertEquals("Only plain text, please.", errorOf(r -> r.text("d", "Fine\tand\nfine\u0007", 100)));
        assertEquals("Only plain text, please.", errorOf(r -> r.text("d", "evil\u202Etxt.exe", 100)));
        assertNull(errorOf(r -> r.text("d", "Fine\tand\nfine", 100)));
    }

    @Test
    void linksAreAbsoluteHttp() {
        assertNull(errorOf(r -> r.link("u", "https://example.org/x", true)));
        for (String bad : List.of("javascript:alert(1)", "ftp://example.org", "/relative", "https://", "example.org")) {
            assertEquals("Enter a web address starting with https:// or http://.", errorOf(r -> r.link("u", bad, true)), bad);
        }
        assertNull(errorOf(r -> r.link("u", "", false)), "an optional link may be left out");
    }

    @Test
    void aLinkOrAnAddressKeepsAnAddressAsAMailtoLink() {
        TextRules rules = new TextRules();
        assertEquals("mailto:jobs@example.org", rules.linkOrAddress("a", "jobs@Example.ORG"));
        assertEquals("mailto:jobs@example.org", rules.linkOrAddress("b", "MAILTO:jobs@example.org"));
        assertEquals("https://example.org/apply", rules.linkOrAddress("c", "https://example.org/apply"));
        assertTrue(rules.ok());
        assertTrue(errorOf(r -> r.linkOrAddress("a", "mailto:jobs@example.org?bcc=all@example.org")).startsWith("Enter a web address"));
    }

    private static String errorOf(java.util.function.Consumer<TextRules> check) {
        TextRules rules = new TextRules();
        check.accept(rules);
        return rules.errors().values().stream().findFirst().orElse(null);
    }
}
