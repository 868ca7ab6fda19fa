package dev.roundup.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.roundup.mail.PlainText;
import dev.roundup.roundup.Item;

/** The rules of an issue's email, one at a time: preview text, text paragraphs, long words, subject and source lines. */
class EmailRulesTest {

    @Test
    void thePreheaderIsTheEditorsOwnTextElseTheIntrosFirstSentence() {
        assertEquals("Hey there, Happy Monday!", Preheader.of(null, "Hey there, Happy Monday! Here is more.\n\nSecond paragraph.", null));
        assertEquals("Short notes this week.", Preheader.of("  Short notes\n this week.  ", "Hey there. More.", null));
        assertEquals("Version 2.1 is out.", Preheader.of(" ", "Version 2.1 is out. Try it.", null), "a dot inside a word ends no sentence");
        assertEquals("No full stop here", Preheader.of(null, "No full stop here\n\nNext paragraph.", null), "only the first paragraph");
        assertEquals("", Preheader.of(null, "", null));
        String longSentence = "word ".repeat(60).strip() + ".";
        String cut = Preheader.of(null, longSentence, null);
        assertTrue(cut.length() <= Preheader.MAX && cut.endsWith("…") && !cut.contains("wor…"), "cut at a word: " + cut);
    }

    @Test
    void theTextPartKeepsParagraphsApart() {
        String intro = Markdown.text("Hey **there**, Happy Monday!\n\nHere is what the community built.\nA soft break stays in.");
        assertEquals("Hey there, Happy Monday!\n\nHere is what the community built. A soft break stays in.", PlainText.paragraphs(intro));
        assertEquals("* One.\n\n  Two.", "* " + PlainText.indented("One.\n\nTwo.", "  "));
        String wrapped = PlainText.wrap("* " + "word ".repeat(30).strip() + "\n  " + "x".repeat(90) + " y\nshort  line\n");
        assertEquals(List.of("* " + "word ".repeat(15).strip(), "  " + "word ".repeat(15).strip(), "  " + "x".repeat(90), "  y", "short  line"),
                wrapped.lines().toList(), "a bullet goes on under its text, a long word stays whole, a short line as it was");
    }

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
    void theDefaultSubjectNamesNewsletterNumberAndWindow() {
        assertEquals("Python Weekly #7: Nov 23–29", IssueContent.subject("{newsletter} #{number}: {window}", "Python Weekly", 7, "Nov 23–29"));
        assertEquals("My own subject", IssueContent.subject("My own subject", "Python Weekly", 7, "Nov 23–29"));
        assertEquals("Python Weekly draft: Nov 23–29", IssueContent.subject("{newsletter} #{number}: {window}", "Python Weekly", null, "Nov 23–29"),
                "a preview or test mail of a draft: the number is given when it goes out");
    }

    @Test
    void aSourceTheTitleAlreadyNamesIsNotRepeated() {
        assertNull(IssueContent.source(Item.Kind.JOB, "Data Engineer at Zürich Data AG", "Zürich Data AG"));
        assertNull(IssueContent.source(Item.Kind.JOB, "⭐ Data Engineer at Zürich Data AG", " Zürich Data AG "));
        assertEquals("Fixture Blog", IssueContent.source(Item.Kind.POST, "A post at the river", "Fixture Blog"));
        assertNull(IssueContent.source(Item.Kind.POST, "A post", null));
        assertEquals("GitLab", IssueContent.source(Item.Kind.POST, "Culture at GitLab", "GitLab"), "only a job's title names its company");
    }

    @Test
    void aMissingPostalAddressIsWarnedAboutAtStart() {
        assertTrue(PostalAddressCheck.warning(java.util.Optional.empty()).orElseThrow().contains("roundup.newsletter.postal-address"));
        assertTrue(PostalAddressCheck.warning(java.util.Optional.empty()).orElseThrow().contains("CAN-SPAM"));
        assertTrue(PostalAddressCheck.warning(java.util.Optional.of("1 Example Street, Berlin")).isEmpty());
    }

    @Test
    void aCutPreheaderKeepsEmojiWholeAndDropsAWordHoldingTheNameMarker() {
        String emoji = Preheader.of(null, "word ".repeat(10) + "😀".repeat(60), null);
        assertTrue(emoji.length() <= Preheader.MAX && emoji.endsWith("😀…"), "cut between two emoji: " + emoji);
        String marker = "rdnABCDEFGHIJKLMNOPname";
        String named = Preheader.of(null, "Hello there " + "z".repeat(120) + marker + "! more words", marker);
        assertEquals("Hello there…", named, "the word holding the marker is dropped, not cut in half");
        String whole = Preheader.of(null, "Hey " + marker + ", " + "short words ".repeat(20), marker);
        assertTrue(whole.startsWith("Hey " + marker + ", short") && whole.endsWith("…"), whole);
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
}
