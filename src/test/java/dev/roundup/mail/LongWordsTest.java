package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The long-word rules of every mail, one case at a time: break opportunities in the HTML part, a line of its own in the text part. */
class LongWordsTest {

    @Test
    void longWordsGetBreakOpportunitiesAndShortWordsAndSlotsStayWhole() {
        String token = "x".repeat(40);
        String url = "https://example.org/a_very/long-path.with/many_parts?and=query";
        Document doc = Jsoup.parse("<body><p>short words " + token + "</p><p><a href=\"" + url + "\">" + url + "</a></p>"
                + "<p>Hey rdnSLOTMARKERxxxxxxxxxxxxxxxxxxxxxxxxname, hello</p></body>");
        new LongWords("rdnSLOTMARKERxxxxxxxxxxxxxxxxxxxxxxxxname").breakIn(doc.body());
        assertEquals("short words " + token, doc.select("p").get(0).text(), "the text reads the same");
        assertEquals(2, doc.select("p").get(0).select("wbr").size(), "every 16 characters in a run without a break: 40 → 2");
        assertTrue(doc.select("p").get(0).html().startsWith("short words x"), "short words untouched");
        assertEquals(url, doc.selectFirst("a").text());
        assertEquals(url, doc.selectFirst("a").attr("href"), "attributes untouched");
        assertTrue(doc.selectFirst("a").html().contains("https:/<wbr>/<wbr>example.<wbr>org/<wbr>a_<wbr>very"), doc.selectFirst("a").html());
        assertTrue(doc.select("p").get(2).select("wbr").isEmpty(), "a word holding a slot marker stays whole");
    }

    @Test
    void longWordsNeverSplitAnEmojiOrAnAccentAndSpareNoBreakSpacesThePreheaderAndEveryMarker() {
        String emoji = "abcdefghijklmno😀abcdefghijklmnopqrstuvwxyz";
        String accent = "abcdefghijklmnoe\u0301abcdefghijklmnopqrstuvwxyz";
        String nbsp = "Python\u00A0is\u00A0out\u00A0today\u00A0dear\u00A0friends";
        String unsubscribe = "https://unsubscribe.invalid/abcdefghijklmnop";
        Document doc = Jsoup.parse("<body><p>" + emoji + "</p><p>" + accent + "</p><p>" + nbsp + "</p>"
                + "<div class=\"preheader\">" + "y".repeat(40) + "</div><p>Leave: " + unsubscribe + "</p></body>");
        new LongWords("rdnSLOTname", unsubscribe).breakIn(doc.body());
        for (int p = 0; p < 2; p++) {
            org.jsoup.nodes.Element para = doc.select("p").get(p);
            assertEquals(p == 0 ? emoji : accent, para.wholeText(), "the text reads the same");
            assertTrue(!para.select("wbr").isEmpty(), "the long word is still broken");
            for (org.jsoup.nodes.TextNode t : para.textNodes()) {
                String chunk = t.getWholeText();
                assertTrue(!Character.isHighSurrogate(chunk.charAt(chunk.length() - 1)) && !Character.isLowSurrogate(chunk.charAt(0))
                        && Character.getType(chunk.charAt(0)) != Character.NON_SPACING_MARK, "split inside a character: " + para.html());
            }
        }
        assertTrue(doc.select("p").get(2).select("wbr").isEmpty(), "words joined by no-break spaces are short words");
        assertTrue(doc.select(".preheader wbr").isEmpty(), "the hidden preheader is left alone");
        assertTrue(doc.select("p").get(3).select("wbr").isEmpty(), "the unsubscribe marker stays whole");
    }

    @Test
    void inTheTextPartALongWordStaysWholeOnALineOfItsOwnAndADashBulletGoesOnUnderItsText() {
        String token = "y".repeat(120);
        String wrapped = PlainText.wrap("Hi " + token + ", thank you.\n- " + token + ": 3 included, 1 suggestion\n- short line");
        assertEquals(java.util.List.of("Hi", token + ",", "thank you.", "- " + token + ":", "  3 included, 1 suggestion", "- short line"),
                wrapped.lines().toList());
    }
}
