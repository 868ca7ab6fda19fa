package dev.roundup.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

/** The streaming cut Rome's input goes through: at most N entries, no DOCTYPE, no character XML 1.0 forbids. */
class FeedCutTest {

    static String rss(int items) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<channel><title>Many</title><link>https://many.example/</link>");
        for (int i = 0; i < items; i++) {
            b.append("<item><title>Post ").append(i).append("</title><link>https://many.example/").append(i)
                    .append("</link><dc:creator>Ada</dc:creator></item>");
        }
        return b.append("<description>after the items</description></channel></rss>").toString();
    }

    @Test
    void keepsTheFirstEntriesAndCountsTheRest() throws Exception {
        FeedCut.Cut cut = FeedCut.cut(new StringReader(rss(250)), 100);
        assertEquals(150, cut.entriesLeftOut());
        assertEquals(100, cut.document().split("<item>", -1).length - 1);
        assertTrue(cut.document().contains("<title>Post 99</title>"));
        assertFalse(cut.document().contains("<title>Post 100</title>"));
        assertTrue(cut.document().contains("<dc:creator>Ada</dc:creator>"), "prefixes kept: " + cut.document().substring(0, 300));
        assertTrue(cut.document().contains("xmlns:dc=\"http://purl.org/dc/elements/1.1/\""));
        assertTrue(cut.document().contains("after the items"), "what follows the entries is kept");
        assertEquals(0, FeedCut.cut(new StringReader(rss(3)), 100).entriesLeftOut());
    }

    @Test
    void atomEntriesAndRss1ItemsAreCountedToo() throws Exception {
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>" + "<entry><title>e</title></entry>".repeat(5) + "</feed>";
        assertEquals(3, FeedCut.cut(new StringReader(atom), 2).entriesLeftOut());
        String rdf = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
                + "<channel><title>R</title><items><rdf:Seq/></items></channel>" + "<item><title>i</title></item>".repeat(4) + "</rdf:RDF>";
        assertEquals(1, FeedCut.cut(new StringReader(rdf), 3).entriesLeftOut());
    }

    @Test
    void refusesADoctypeAndSaysWhereTheXmlBreaks() {
        assertThrows(FeedCut.DoctypeRefused.class, () -> FeedCut.cut(new StringReader(
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss>&x;</rss>"), 10));
        FeedCut.Malformed broken = assertThrows(FeedCut.Malformed.class,
                () -> FeedCut.cut(new StringReader("<rss>\n<channel>\n<title>Broken</title></chanel></rss>"), 10));
        assertEquals(3, broken.line);
        assertFalse(broken.getMessage().contains("ParseError"), broken.getMessage());
    }

    @Test
    void dropsForbiddenCharactersRawOrAsXml11ReferencesAndHealsHtmlEntities() throws Exception {
        String doc = "<?xml version=\"1.1\"?><rss><channel><title a=\"x&#1;y\">T&#1;i\u0001t&#x1F;le&nbsp;</title></channel></rss>";
        String cut = FeedCut.cut(new StringReader(doc), 10).document();
        assertTrue(cut.contains("<title a=\"xy\">Title\u00A0</title>"), cut);
    }

    @Test
    void elementsNamedLikeEntriesInsideEntriesOrOtherVocabulariesAreNotCounted() throws Exception {
        String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:x=\"urn:x\"><title>A</title>"
                + "<x:entry/><item/>" + "<entry><title>e</title><x:item>part</x:item><item>bare</item></entry>".repeat(3) + "</feed>";
        FeedCut.Cut cut = FeedCut.cut(new StringReader(atom), 3);
        assertEquals(0, cut.entriesLeftOut());
        assertEquals(3, cut.document().split("<entry>", -1).length - 1, cut.document());
        String rss = "<rss version=\"2.0\" xmlns:m=\"urn:m\"><channel><title>R</title><m:item/><entry/>"
                + "<item><title>i</title></item>".repeat(2) + "</channel></rss>";
        assertEquals(0, FeedCut.cut(new StringReader(rss), 2).entriesLeftOut());
        assertEquals(1, FeedCut.cut(new StringReader(rss), 1).entriesLeftOut(), "the real items still count");
    }

    @Test
    void parsesWithTheJdksOwnStax() {
        assertTrue(FeedCut.parserName().startsWith("com.sun.xml.internal.stream"), FeedCut.parserName());
    }
}
