package dev.roundup.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The rules of an issue's email, one at a time: preview text, text paragraphs, long words, subject and source lines. */
class EmailRulesTest {

    @Test
    void thePreheaderIsTheEditorsOwnTextElseTheIntrosFirstSentence() {
        assertEquals("Hey there, Happy Monday!", Preheader.of(null, "Hey there, Happy Monday! Here is more.\n\nSecond paragraph."));
        assertEquals("Short notes this week.", Preheader.of("  Short notes\n this week.  ", "Hey there. More."));
        assertEquals("Version 2.1 is out.", Preheader.of(" ", "Version 2.1 is out. Try it."), "a dot inside a word ends no sentence");
        assertEquals("No full stop here", Preheader.of(null, "No full stop here\n\nNext paragraph."), "only the first paragraph");
        assertEquals("", Preheader.of(null, ""));
        String longSentence = "word ".repeat(60).strip() + ".";
        String cut = Preheader.of(null, longSentence);
        assertTrue(cut.length() <= Preheader.MAX && cut.endsWith("…") && !cut.contains("wor…"), "cut at a word: " + cut);
    }

    @Test
    void theTextPartKeepsParagraphsApart() {
        String intro = Markdown.text("Hey **there**, Happy Monday!\n\nHere is what the community built.\nA soft break stays in.");
        String text = new PlainText().paragraph(intro, "", "").toString();
        assertEquals("Hey there, Happy Monday!\n\nHere is what the community built. A soft break stays in.\n", text);
        String indented = new PlainText().paragraph("One.\n\nTwo.", "* ", "  ").toString();
        assertEquals("* One.\n\n  Two.\n", indented);
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
        assertNull(IssueContent.source("Data Engineer at Zürich Data AG", "Zürich Data AG"));
        assertNull(IssueContent.source("⭐ Data Engineer at Zürich Data AG", " Zürich Data AG "));
        assertEquals("Fixture Blog", IssueContent.source("A post at the river", "Fixture Blog"));
        assertNull(IssueContent.source("A post", null));
    }
}
