package dev.roundup.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.roundup.feeds.Post;
import dev.roundup.roundup.Curation;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.IssueView;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An item's blurb is Markdown, like the intro: what the editor writes is rendered (email, web, text part), and an
 * excerpt the draft copied from a post reads exactly as it did, stray Markdown characters and all.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlurbsTest {

    static final String EXCERPT = "# Not a heading: *stars*, snake_case_name and _under_, a <b>tag</b>, `ticks`, [brackets](x), "
            + "3 < 4 & 5 &amp; 6 \\ back\n1. not a list\n- nor this\n===";
    static final String WRITTEN = "**Worth** a read: [the notes](https://notes.blurbs.example.org/n)\n\nA second paragraph of its own.";

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    @Inject
    IssueRenderer renderer;

    long issueId;

    @BeforeAll
    void aDraftWithACopiedExcerptAndAWrittenBlurb() {
        LocalDate from = LocalDate.of(2034, 2, 6); // a week no other test uses
        Post copied = Fixtures.post("Blurbs copied", "https://blurbs.example.org/copied", from.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC), 3);
        Fixtures.post("Blurbs written", "https://blurbs.example.org/written", from.plusDays(1).atTime(8, 0).toInstant(ZoneOffset.UTC), 2);
        QuarkusTransaction.requiringNew().run(() -> Post.<Post>findById(copied.id).excerpt = EXCERPT);
        issueId = drafts.create(from, from.plusDays(7)).id;
        IssueView view = IssueView.load(issueId).orElseThrow();
        IssueView.ItemView written = item(view, "https://blurbs.example.org/written");
        long v = curation.updateItem(issueId, view.version(), written.id(), new Curation.ItemChange(null, WRITTEN, true));
        curation.updateItem(issueId, v, item(view, "https://blurbs.example.org/copied").id(), new Curation.ItemChange(null, null, true));
    }

    static IssueView.ItemView item(IssueView view, String url) {
        return view.sections().stream().flatMap(s -> s.items().stream()).filter(i -> i.url().equals(url)).findFirst().orElseThrow();
    }

    static String words(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    @Test
    void aCopiedExcerptIsEscapedOnceSoItReadsAsBeforeEverywhere() {
        RenderedIssue.Message m = renderer.render(issueId).forReader("Ada", "https://news.example.org/unsubscribe/T");
        Element blurb = blurbOf(Jsoup.parse(m.html()), "https://blurbs.example.org/copied", ".item", ".item-blurb");
        assertEquals(words(EXCERPT), words(blurb.text()), "every character kept, in the email");
        assertTrue(blurb.select("h1, h2, h3, em, strong, b, code, a, ol, ul, li").isEmpty(), "no heading, emphasis, tag or list: " + blurb.html());
        assertTrue(words(m.text()).contains(words(EXCERPT)), "and in the text part: " + m.text());
        Element web = blurbOf(Jsoup.parse(Browser.signedInEditor().get("/editor/issues/" + issueId + "/preview/web").then().statusCode(200)
                .extract().asString()), "https://blurbs.example.org/copied", ".issue-item", ".blurb");
        assertEquals(words(EXCERPT), words(web.text()), "and on the web");
    }

    @Test
    void whatTheEditorWritesIsMarkdownInTheEmailTheWebAndTheTextPart() {
        RenderedIssue.Message m = renderer.render(issueId).forReader("Ada", "https://news.example.org/unsubscribe/T");
        Element blurb = blurbOf(Jsoup.parse(m.html()), "https://blurbs.example.org/written", ".item", ".item-blurb");
        assertEquals("Worth", blurb.selectFirst("strong").text());
        assertEquals("the notes", blurb.selectFirst("a[href=https://notes.blurbs.example.org/n]").text());
        assertEquals(2, blurb.select("p").size(), "two paragraphs");
        List<String> lines = m.text().lines().toList();
        int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("  Worth a read: ")).findFirst().orElseThrow(() -> new AssertionError(m.text())));
        assertTrue(lines.get(first).contains("the notes") && lines.get(first).contains("https://notes.blurbs.example.org/n"),
                "the link as its text and its address: " + lines.get(first));
        assertEquals(List.of("", "  A second paragraph of its own."), lines.subList(first + 1, first + 3), "the paragraphs stay apart");
        Element web = blurbOf(Jsoup.parse(Browser.signedInEditor().get("/editor/issues/" + issueId + "/preview/web").then().statusCode(200)
                .extract().asString()), "https://blurbs.example.org/written", ".issue-item", ".blurb");
        assertNotNull(web.selectFirst("strong"), web.html());
    }

    @Test
    void theRuleForCopiedTextIsOneFunctionThatMarkdownReadsBackAsTheText() {
        for (String text : List.of(EXCERPT, "  indented four     spaces", "Q&A: a_b * c", "2) two", "> quoted", "~~~ fence", "plain words")) {
            assertEquals(words(text), words(Jsoup.parse(Markdown.html(Markdown.literal(text))).text()), text);
            assertEquals(words(text), words(Markdown.text(Markdown.literal(text))), text);
        }
        assertEquals("Release 2.0 is out (finally).", Markdown.literal("Release 2.0 is out (finally)."), "plain text stays readable to edit");
    }

    private static Element blurbOf(Document doc, String url, String item, String blurb) {
        Element link = doc.selectFirst("a[href=" + url + "]");
        assertNotNull(link, url);
        Element b = link.closest(item).selectFirst(blurb);
        assertNotNull(b, "a blurb under " + url);
        return b;
    }
}
