package dev.roundup.publishing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xml.sax.InputSource;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import dev.roundup.roundup.Curation;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.IssueStatus;
import dev.roundup.roundup.IssueView;
import dev.roundup.testing.Fixtures;
import dev.roundup.web.Paging;
import io.quarkus.test.junit.QuarkusTest;

/** One issue, rendered for email (HTML and text), the web and feeds: complete, in order, absolute, and inert. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderingTest {

    static final String HOSTILE = "\"><img src=x onerror=alert(1)><script>alert(2)</script>\r\nBcc: victim@example.org";

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    @Inject
    IssueRenderer renderer;

    @Inject
    Archive archive;

    long issueId;
    IssueView view;
    String defaultSubject;

    @BeforeAll
    void anIssueWithHostileText() {
        LocalDate from = LocalDate.of(2024, 3, 4);
        for (int i = 0; i < 4; i++) {
            Fixtures.post("Render post " + i, "https://render.example.org/p/" + i, from.plusDays(1).atTime(9 + i, 0).toInstant(java.time.ZoneOffset.UTC), 1);
        }
        Fixtures.post("Hostile " + HOSTILE, "https://render.example.org/hostile", from.plusDays(2).atTime(9, 0).toInstant(java.time.ZoneOffset.UTC), 1);
        Fixtures.job("Render Engineer", dev.roundup.listings.ListingStatus.PUBLISHED, from.plusDays(1).atTime(8, 0).toInstant(java.time.ZoneOffset.UTC),
                java.time.Instant.now().plus(java.time.Duration.ofDays(60)));
        Issue issue = drafts.create(from, from.plusDays(7));
        issueId = issue.id;
        defaultSubject = renderer.render(issueId).subject();
        view = IssueView.load(issueId).orElseThrow();
        IssueView.SectionView community = view.sections().stream().filter(s -> s.kind().equals("community")).findFirst().orElseThrow();
        long v = view.version();
        v = curation.updateItem(issueId, v, community.items().get(1).id(), new Curation.ItemChange(null, "Blurb " + HOSTILE, false));
        v = curation.updateFields(issueId, v, new Curation.Fields(null, "Subject " + HOSTILE, "Hello **{name}** of {weekday}! <script>alert(3)</script>\n\nA second paragraph stays its own.",
                null, "Sponsor Co", "https://sponsor.example.org/", "Sponsors you", null));
        view = IssueView.load(issueId).orElseThrow();
    }

    List<IssueView.ItemView> included() {
        return view.sections().stream().flatMap(s -> s.items().stream()).filter(IssueView.ItemView::included).toList();
    }

    List<IssueView.ItemView> excluded() {
        return view.sections().stream().flatMap(s -> s.items().stream()).filter(i -> !i.included()).toList();
    }

    @Test
    void theEmailHtmlIsCompleteOrderedAbsoluteAndPersonal() {
        RenderedIssue.Message m = renderer.render(issueId).forReader("Ada <Lovelace>", "https://news.example.org/unsubscribe/TOKEN-123");
        Parser parser = Parser.htmlParser().setTrackErrors(50);
        Document doc = Jsoup.parse(m.html(), "", parser);
        assertEquals(List.of(), parser.getErrors().stream().map(Object::toString).toList(), "well-formed");
        assertTrue(doc.select("script").isEmpty());
        assertTrue(doc.select("[onerror]").isEmpty());
        for (Element link : doc.select("[href], [src]")) {
            String url = link.hasAttr("href") ? link.attr("href") : link.attr("src");
            assertTrue(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("mailto:"), "absolute: " + url);
        }
        List<String> hrefs = doc.select(".item-title a, p a").eachAttr("href");
        int last = -1;
        for (IssueView.ItemView item : included()) {
            int at = hrefs.indexOf(item.url());
            assertTrue(at > last, "in the editor's order: " + item.title());
            last = at;
        }
        for (IssueView.ItemView item : excluded()) {
            assertFalse(hrefs.contains(item.url()), "excluded: " + item.title());
        }
        assertTrue(doc.select("a[href=https://news.example.org/unsubscribe/TOKEN-123]").size() == 1, "this reader's unsubscribe link");
        assertTrue(m.html().contains("Hello <strong>Ada &lt;Lovelace&gt;</strong>"), "greeting with the escaped name");
        assertTrue(doc.selectFirst(".container").attr("style").contains("max-width: 600px") || doc.selectFirst("table[width=600]") != null);
        assertTrue(doc.select("td[style]").size() > 3, "CSS inlined into style attributes");
        assertTrue(m.html().contains("This issue is sponsored by"));
        assertFalse(m.subject().contains("\n") || m.subject().contains("\r"), "no header injection through the subject");
    }

    @Test
    void theMailAloneCarriesTheFootersThePreviewTextAndAPlainSubject() {
        assertEquals("Roundup draft: " + view.window(), defaultSubject, "a new draft's subject: its number comes when it goes out");
        RenderedIssue.Message m = renderer.render(issueId).forReader("Ada <Lovelace>", "https://news.example.org/unsubscribe/T");
        Document doc = Jsoup.parse(m.html());
        Element first = doc.body().child(0);
        assertTrue(first.hasClass("preheader"), "the preview text comes first in the body: " + first.outerHtml());
        for (String hiding : List.of("display:none", "max-height:0", "overflow:hidden", "mso-hide:all")) {
            assertTrue(first.attr("style").replace(" ", "").contains(hiding), hiding);
        }
        assertTrue(first.text().matches("Hello Ada <Lovelace> of \\w+day!\\W*"), "the intro's first sentence, the reader's name in it: " + first.text());
        assertFalse(first.text().contains("second paragraph") || first.text().contains(view.title()), "not the title, not more than a sentence");

        Element footer = doc.selectFirst("td.footer");
        assertTrue(footer.text().contains("Why are you getting this"), "the why-you-get-this footer is the mail's");
        assertTrue(footer.text().contains("Forwarded this? Subscribe here"), footer.text());
        assertTrue(footer.select("a[href]").eachAttr("href").stream().anyMatch(h -> h.startsWith("http") && h.endsWith("/subscribe")));
        assertTrue(footer.text().contains("1 Example Street, 10115 Berlin"), "the postal address (CAN-SPAM)");
        assertTrue(m.text().contains("Forwarded this? Subscribe here:\n") && m.text().contains("1 Example Street, 10115 Berlin"), m.text());
        assertTrue(m.text().contains("Why are you getting this"));
        List<String> lines = m.text().lines().toList();
        int second = lines.indexOf("A second paragraph stays its own.");
        assertTrue(second > 1 && lines.get(second - 1).isEmpty() && lines.get(second - 2).startsWith("Hello "),
                "the intro's paragraphs stay apart in the text part: " + m.text());

        assertTrue(m.text().contains("Render Engineer at Acme") && !m.text().contains("(Acme)"), "the job line names the company once");
        assertTrue(doc.select(".item-source").stream().noneMatch(e -> e.text().equals("Acme")), "in the HTML too");
    }

    @Test
    void theEditorsOwnPreviewTextReplacesTheIntrosFirstSentence() {
        long id = drafts.create(LocalDate.of(2024, 5, 6), LocalDate.of(2024, 5, 13)).id;
        long v = IssueView.load(id).orElseThrow().version();
        v = dev.roundup.testing.Api.asEditor().body(Map.of("version", v, "preheader", "Three tools and\r\nBcc: x@example.org a job this week"))
                .put("/api/issues/" + id).then().statusCode(200).extract().jsonPath().getLong("version");
        assertEquals("Three tools and Bcc: x@example.org a job this week", preheader(id), "one line, the editor's words");
        dev.roundup.testing.Api.asEditor().body(Map.of("version", v, "preheader", " ")).put("/api/issues/" + id).then().statusCode(200);
        assertTrue(preheader(id).startsWith("Hey there, Happy "), "emptied: the intro's first sentence again: " + preheader(id));
    }

    private String preheader(long id) {
        Document doc = Jsoup.parse(renderer.render(id).forReader(null, "https://news.example.org/u").html());
        return doc.selectFirst("body > .preheader").ownText().replaceAll("[\\u034f\\u200c\\u00a0]", "").strip();
    }

    @Test
    void theTextPartHasEveryUrlOnItsOwnLineAndShortLines() {
        RenderedIssue.Message m = renderer.render(issueId).forReader(null, "https://news.example.org/unsubscribe/T");
        List<String> lines = m.text().lines().toList();
        for (IssueView.ItemView item : included()) {
            assertTrue(lines.contains("  " + item.url()), "URL on its own line: " + item.url());
        }
        assertTrue(lines.contains("https://news.example.org/unsubscribe/T"));
        assertTrue(lines.contains("From the Community") && lines.stream().anyMatch(l -> l.matches("-{3,}")), "underlined headings");
        assertTrue(lines.stream().filter(l -> !l.strip().startsWith("http")).allMatch(l -> l.length() <= 78), "lines of at most 78");
        assertTrue(m.text().contains("Hello there of Monday!") || m.text().contains("Hello **there**") || m.text().contains("Hello there"));
        assertFalse(m.text().contains("<script>alert(3)"), "HTML tags written into the Markdown intro do not reach the text part");
        assertTrue(m.text().contains("Hostile \"><img src=x onerror=alert(1)><script>alert(2)</script>"),
                "a hostile title is shown as the literal text it is: a text part has no markup to break out of");
    }

    @Test
    void theWebArchiveAndFeedsShowSentIssuesOnly() throws Exception {
        given().get("/archive").then().statusCode(200);
        curation.changeStatus(issueId, IssueStatus.SENDING, null);
        curation.changeStatus(issueId, IssueStatus.SENT, null);
        int number = IssueView.load(issueId).orElseThrow().number(); // numbered as it went out

        String page = given().get("/archive/" + number).then().statusCode(200).extract().asString();
        Document web = Jsoup.parse(page);
        // the page's own scripts come from /static; nothing the issue holds becomes a script
        assertTrue(web.select("script").stream().allMatch(s -> s.attr("src").startsWith("/static/")), web.select("script").toString());
        assertTrue(web.select("[onerror]").isEmpty());
        assertEquals(view.title(), web.selectFirst("meta[property=og:title]").attr("content"));
        assertTrue(web.selectFirst("meta[property=og:url]").attr("content").endsWith("/archive/" + number));
        assertTrue(page.contains("Hello there of Monday!") || page.contains("Hello <strong>there</strong>"), "no personal parts on the web");
        assertFalse(page.contains("Why are you getting this"), "the mail's footer is not on the web");
        assertFalse(page.contains("Forwarded this?") || page.contains("Example Street"), "nor its subscribe and postal lines");
        given().get("/archive/" + number + "-any-slug").then().statusCode(200);
        given().get("/archive/99999").then().statusCode(404);
        given().get("/archive").then().body(org.hamcrest.Matchers.containsString("/archive/" + number));
        // the archive lists from the issues' own columns, and says of each what rendering it would
        Archive.Listed listed = archive.listed(0, Paging.MAX_PAGE).issues().stream().filter(l -> l.number() == number).findFirst().orElseThrow();
        IssueContent rendered = renderer.content(issueId);
        assertEquals(new Archive.Listed(number, rendered.title(), rendered.window(), rendered.summary()), listed);
        given().get("/archive?page=" + Paging.MAX_PAGE).then().statusCode(200).body(org.hamcrest.Matchers.containsString("← Newer"));
        given().get("/").then().body(org.hamcrest.Matchers.containsString("Latest issue"));

        String atom = given().get("/feed.xml").then().statusCode(200).contentType("application/atom+xml").extract().asString();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.newDocumentBuilder().parse(new InputSource(new StringReader(atom)));
        SyndFeed feed = new SyndFeedInput().build(new StringReader(atom));
        var entry = feed.getEntries().stream().filter(e -> e.getLink().endsWith("/archive/" + number)).findFirst().orElseThrow();
        assertEquals(view.title(), entry.getTitle());
        assertEquals(entry.getLink(), entry.getUri(), "a stable id");
        String content = entry.getContents().get(0).getValue();
        assertFalse(content.contains("<script"), "feed content inert");
        assertFalse(Jsoup.parse(content).select("[onerror]").size() > 0);
        for (IssueView.ItemView item : included()) {
            assertTrue(content.contains(item.url().replace("&", "&amp;")), "full content: " + item.url());
        }
        assertFalse(content.contains("Why are you getting this"), "the mail's footer is not in the Atom feed");
        String rssXml = given().get("/rss.xml").then().statusCode(200).extract().asString();
        assertFalse(rssXml.contains("Why are you getting this"), "nor in the RSS feed");
        SyndFeed rss = new SyndFeedInput().build(new StringReader(rssXml));
        assertTrue(rss.getEntries().stream().anyMatch(e -> e.getLink().endsWith("/archive/" + number)));
    }

    @Test
    void previewAndTestSendWorkForTheEditor() throws Exception {
        dev.roundup.testing.Browser editor = dev.roundup.testing.Browser.signedInEditor();
        String page = editor.get("/editor/issues/" + issueId + "/preview").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<iframe")).body(org.hamcrest.Matchers.containsString("Plain-text part"))
                .extract().asString();
        Document preview = Jsoup.parse(page);
        assertEquals(renderer.render(issueId).subject(), preview.selectFirst("[data-subject]").text(), "the subject as sent, escaped");
        // {weekday} is the day it goes out: a draft previewed now goes out today (the test's zone is UTC)
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL,
                java.util.Locale.ENGLISH);
        assertEquals("Hello there of " + today + "!", preview.selectFirst("[data-preheader]").text(), "the preview text as sent");
        editor.get("/editor/issues/" + issueId + "/preview/email").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Unsubscribe with one click"));
        editor.post("/editor/issues/" + issueId + "/test", Map.of("to", "tester@render.example.org")).then().statusCode(303);
        var mail = dev.roundup.testing.Mails.await("tester@render.example.org", 1, java.time.Duration.ofSeconds(10)).get(0);
        assertTrue(mail.getSubject().startsWith("[TEST] "));
        assertFalse(mail.getSubject().contains("\n"));
    }
}
