package dev.roundup.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.roundup.mail.PlainText;
import dev.roundup.roundup.Item;
import dev.roundup.roundup.Markdown;

/** The rules of an issue's email, one at a time: preview text, text paragraphs, subject and source lines. */
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
    void aBlurbsListItemsAndHardBreaksStayOnLinesOfTheirOwn() {
        String blurb = Markdown.text("Three things:\n\n- one\n- two,\n  still two\n\nSigned  \nthe team\nand friends");
        assertEquals("Three things:\n\n  - one\n  - two, still two\n\n  Signed\n  the team and friends", PlainText.indented(blurb, "  "));
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
}
