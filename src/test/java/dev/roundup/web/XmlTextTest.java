package dev.roundup.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

/** What XML 1.0 allows, and the three ways of removing the rest: from text, from HTML, while reading. */
class XmlTextTest {

    static final String FORBIDDEN = "\u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF";

    @Test
    void allowsTabsNewlinesTextAndSupplementaryCharactersOnly() {
        for (int cp : new int[] { 0x9, 0xA, 0xD, 0x20, 0xE9, 0xD7FF, 0xE000, 0xFFFD, 0x1F600, 0x10FFFF }) {
            assertTrue(XmlText.allowed(cp), Integer.toHexString(cp));
        }
        for (int cp : new int[] { 0x0, 0x1, 0x8, 0xB, 0xC, 0x1F, 0xD800, 0xDFFF, 0xFFFE, 0xFFFF, 0x110000 }) {
            assertFalse(XmlText.allowed(cp), Integer.toHexString(cp));
        }
    }

    @Test
    void cleanRemovesForbiddenCharactersAndLoneSurrogatesButKeepsPairs() {
        assertEquals("Title with emoji \uD83D\uDE00 and tab\t", XmlText.clean("Ti" + FORBIDDEN + "tle with emoji \uD83D\uDE00 and\uD800 tab\t\uDC00"));
        assertEquals("ab", XmlText.clean("a\uDE00\uD83Db"), "a low half before a high half is no pair");
        String clean = "Nothing to remove: é, 中文, \uD83D\uDE00";
        assertSame(clean, XmlText.clean(clean), "no copy in the usual case");
        assertNull(XmlText.clean(null));
    }

    @Test
    void cleanHtmlAlsoRemovesReferencesToForbiddenCharacters() {
        assertEquals("<p>ab&#xe9;&#233;&amp;#1;c</p>", XmlText.cleanHtml("<p>a&#1;b&#x1F;&#xe9;&#233;&#xFFFE;&amp;#1;c\u0001&#xD800;&#9999999999;</p>"));
    }

    @Test
    void theReaderDropsForbiddenCharactersAndKeepsPairsSplitAcrossReads() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("x\u0001\uD83D\uDE00\uD800");
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            expected.append("x\uD83D\uDE00");
        }
        for (int chunk : new int[] { 1, 2, 3, 7, 8192, 100_000 }) {
            Reader r = XmlText.reader(new StringReader(text.toString()));
            StringBuilder out = new StringBuilder();
            char[] buf = new char[chunk];
            for (int n; (n = r.read(buf, 0, chunk)) != -1;) {
                out.append(buf, 0, n);
            }
            assertEquals(expected.toString(), out.toString(), "reading " + chunk + " at a time");
        }
    }
}
