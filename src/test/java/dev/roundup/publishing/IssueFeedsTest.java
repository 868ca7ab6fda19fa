package dev.roundup.publishing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import dev.roundup.roundup.Curation;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.IssueStatus;
import dev.roundup.roundup.Item;
import dev.roundup.testing.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The issue feeds (/feed.xml, /rss.xml) stay well-formed whatever characters a post or an editor put into a sent
 * issue, and what an editor wrote as text stays text in a feed reader.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssueFeedsTest {

    /** Forbidden in XML 1.0, and none of them NUL (PostgreSQL refuses NUL in text). */
    static final String FORBIDDEN = "\u0001\u0008\u000B\u001F\uFFFE\uFFFF";

    static final String IMG = "<img src=x onerror=alert(1)>";

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    int number;

    @BeforeAll
    void aSentIssueWithForbiddenCharactersAndMarkup() {
        LocalDate from = LocalDate.of(2022, 6, 6);
        Fixtures.post("Post with \u0001 control characters" + FORBIDDEN, "https://feeds-test.example.org/p/1",
                from.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC), 1);
        Issue issue = drafts.create(from, from.plusDays(7));
        long v = QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>findById(issue.id).version);
        // as an editor types it: a Markdown-escaped tag is text, and text that closes a CDATA section
        v = curation.updateFields(issue.id, v, new Curation.Fields("Issue \uFFFE title", null,
                "Hello\u0001 readers. \\" + IMG.replace(">", "\\>") + " and `" + IMG + "` and &lt;b&gt;bold&lt;/b&gt; ]]> end" + FORBIDDEN,
                "Footer\u000B", null, null, null, null));
        QuarkusTransaction.requiringNew().run(() -> {
            // as stored before this release: forbidden characters in a blurb and a title, straight in the rows
            Item item = Issue.<Issue>findById(issue.id).sections.stream().flatMap(s -> s.items.stream()).findFirst().orElseThrow();
            item.blurb = "Blurb " + FORBIDDEN + "\uD800 lone surrogate";
            item.included = true;
        });
        curation.changeStatus(issue.id, IssueStatus.SENDING, null);
        curation.changeStatus(issue.id, IssueStatus.SENT, null);
        number = QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>findById(issue.id).number);
    }

    static Document wellFormed(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void bothIssueFeedsAreWellFormedWhateverTheIssueHolds() throws Exception {
        for (String path : new String[] { "/feed.xml", "/rss.xml" }) {
            String xml = given().get(path).then().statusCode(200).extract().asString();
            wellFormed(xml);
            assertTrue(xml.contains("/archive/" + number), path + " lists the issue");
            assertTrue(xml.contains("Post with  control characters"), path + " keeps the rest of the title");
            assertTrue(xml.contains("Blurb") && xml.contains("lone surrogate"), path);
        }
    }

    @Test
    void anRssDescriptionIsEscapedTextThatNoReaderRunsAsHtml() throws Exception {
        String xml = given().get("/rss.xml").then().statusCode(200).extract().asString();
        Document rss = wellFormed(xml);
        assertEquals(0, rss.getElementsByTagName("img").getLength(), "no img element in the XML");
        String description = null;
        NodeList items = rss.getElementsByTagName("item");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            if (item.getElementsByTagName("link").item(0).getTextContent().endsWith("/archive/" + number)) {
                description = item.getElementsByTagName("description").item(0).getTextContent();
            }
        }
        assertTrue(description != null && description.contains("Hello readers"), "the summary: " + description);
        // a feed reader shows a description as HTML: it must find text there, not a tag
        org.jsoup.nodes.Document shown = org.jsoup.Jsoup.parseBodyFragment(description);
        assertTrue(shown.select("img, b, [onerror]").isEmpty(), "no element in what a reader shows: " + description);
        assertTrue(shown.text().contains(IMG), "the tag is shown as the text it is: " + shown.text());
        assertTrue(shown.text().contains("]]> end"), shown.text());
    }

    @Test
    void theAtomSummaryIsPlainTextAndTheContentSanitizedHtml() throws Exception {
        Document atom = wellFormed(given().get("/feed.xml").then().statusCode(200).extract().asString());
        assertEquals(0, atom.getElementsByTagName("img").getLength());
        NodeList entries = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        Element entry = null;
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            if (e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id").item(0).getTextContent().endsWith("/archive/" + number)) {
                entry = e;
            }
        }
        Element summary = (Element) entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary").item(0);
        assertEquals("text", summary.getAttribute("type").isEmpty() ? "text" : summary.getAttribute("type"), "Atom text is never HTML");
        String content = entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content").item(0).getTextContent();
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parseBodyFragment(content);
        assertTrue(html.select("img[onerror], [onerror], script").isEmpty(), content);
        assertFalse(content.contains("&#x1;") || content.contains("&#1;"), "no reference to a forbidden character");
    }

    @Test
    void feedsNameThemselvesAndTheirIconAnswer304sAndSetNoCookie() {
        Fixtures.post("A fresh post for the river feed", "https://feeds-test.example.org/p/fresh",
                java.time.Instant.now().minusSeconds(3600), 1);
        for (String path : java.util.List.of("/feed.xml", "/rss.xml", "/river.xml")) {
            io.restassured.response.Response first = given().get(path);
            assertEquals(200, first.statusCode(), path);
            assertEquals(null, first.header("Set-Cookie"), path + " sets no cookie");
            String body = first.asString();
            assertTrue(body.contains("href=\"http://localhost:8080" + path + "\"") && body.contains("rel=\"self\""), path + ": " + body);
            assertTrue(body.contains("http://localhost:8080/static/icon.png"), path + " names the icon");
            String etag = first.header("ETag");
            String modified = first.header("Last-Modified");
            assertTrue(etag != null && etag.startsWith("\""), path + " has a strong ETag");
            assertTrue(modified != null, path + " has a Last-Modified");

            io.restassured.response.Response again = given().header("If-None-Match", etag).get(path);
            assertEquals(304, again.statusCode(), path);
            assertEquals("", again.asString());
            assertEquals(etag, again.header("ETag"));
            assertEquals(null, again.header("Set-Cookie"));
            assertEquals(304, given().header("If-Modified-Since", modified).get(path).statusCode(), path);
            assertEquals(200, given().header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").get(path).statusCode(), path);
            assertEquals(200, given().header("If-None-Match", "\"something-else\"").header("If-Modified-Since", modified).get(path)
                    .statusCode(), path + ": an ETag that does not match wins over the date");
        }
        given().get(dev.roundup.web.FeedAnswers.ICON).then().statusCode(200).contentType("image/png");
    }
}
