package dev.roundup.suggestions;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.Issue;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Fixtures;
import dev.roundup.testing.GreenMailResource;
import dev.roundup.testing.Mails;
import dev.roundup.testing.Sends;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A reader suggests a link through the public form; the editor sees what is already known about it (in the river,
 * featured, suggested twice), accepts or declines it; the suggester is told; an accepted link is offered in the next
 * draft's From the Community, credited, and once sent is not offered again.
 */
@QuarkusTest
class SuggestionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Drafts drafts;

    private static void suggest(String url, String note, String name, String email) {
        new Browser().post("/suggest", Map.of("url", url, "note", note, "name", name, "email", email)).then().statusCode(303);
    }

    private static long idOf(String url) {
        return Api.asEditor().get("/api/suggestions").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.url == '" + url + "' }.id");
    }

    private static JsonPath community(long issueId) {
        return Api.asEditor().get("/api/issues/" + issueId).then().statusCode(200).extract().jsonPath()
                .setRootPath("sections.find { it.kind == 'community' }");
    }

    @Test
    void aSuggestedLinkGoesThroughModerationIntoADraftAndASentIssue() throws Exception {
        // already in the river: a post with the same canonical URL (the reader's copy carries a tracking parameter)
        Fixtures.post("River Copy Of A Known Story", "https://known.suggest.example.org/story", Instant.parse("2005-02-01T10:00:00Z"), 1);
        String known = "https://known.suggest.example.org/story?utm_source=newsletter";
        String fresh = "https://fresh.suggest.example.org/how-we-test";
        suggest(known, "Saw this everywhere.", "Ada Reader", "ada@suggest.example.org");
        suggest(fresh, "A careful write-up of testing through the real interface.", "Grace Reader", "grace@suggest.example.org");

        Browser editor = Browser.signedInEditor();
        Document queue = Jsoup.parse(editor.get("/editor/suggestions").then().statusCode(200).extract().asString());
        long knownId = idOf(known);
        long freshId = idOf(fresh);
        String knownCard = queue.select("#suggestion-" + knownId).text();
        assertTrue(knownCard.contains("Already in the river: “River Copy Of A Known Story” from Fixture Blog."), knownCard);
        assertTrue(knownCard.contains("Accept anyway"), "a warned suggestion asks twice: " + knownCard);
        assertFalse(queue.select("#suggestion-" + freshId).text().contains("Already"), "nothing known about the fresh one");

        editor.post("/editor/suggestions/moderate", Map.of("id", knownId, "action", "decline", "reason", "Already in our river.",
                "back", "pending")).then().statusCode(303);
        editor.post("/editor/suggestions/moderate", Map.of("id", freshId, "action", "accept", "title", "How We Test, Really",
                "back", "pending")).then().statusCode(303);
        assertTrue(editor.get("/editor/suggestions?status=pending").then().extract().asString().contains("Accepted: offered in the next draft."));

        MimeMessage declined = Mails.await("ada@suggest.example.org", 1, WAIT).get(0);
        assertEquals("Your link for Roundup was not accepted", declined.getSubject());
        assertTrue(Mails.part(declined, "text/plain").contains("Already in our river."), "the editor's reason");
        MimeMessage accepted = Mails.await("grace@suggest.example.org", 1, WAIT).get(0);
        assertEquals("Your link for Roundup was accepted", accepted.getSubject());
        assertTrue(Mails.part(accepted, "text/plain").contains(fresh));

        // offered in the next draft's From the Community, as a suggestion the editor picks, credited
        Issue draft = drafts.create(LocalDate.of(2005, 2, 1), LocalDate.of(2005, 2, 8));
        JsonPath section = community(draft.id);
        Map<String, Object> item = section.getMap("items.find { it.kind == 'suggestion' && it.refId == " + freshId + " }");
        assertEquals("How We Test, Really", item.get("title"));
        assertEquals("suggested by Grace Reader", item.get("source"));
        assertEquals(Boolean.FALSE, item.get("included"), "offered, not picked for the editor");
        assertFalse(section.getList("items.findAll { it.kind == 'suggestion' }.refId").contains((int) knownId), "a declined link is not offered");

        long version = Api.asEditor().get("/api/issues/" + draft.id).then().extract().jsonPath().getLong("version");
        Api.asEditor().body(Map.of("version", version, "included", true)).put("/api/issues/" + draft.id + "/items/" + item.get("id"))
                .then().statusCode(200);
        Sends.subscribe(List.of("reader@suggest.example.org"));
        Sends.start(draft.id);
        Sends.awaitState(draft.id, "done", Duration.ofMinutes(2));
        MimeMessage issue = Mails.await("reader@suggest.example.org", 1, WAIT).get(0); // imported as confirmed: the issue only
        String text = Mails.part(issue, "text/plain");
        assertTrue(text.contains("How We Test, Really"), text);
        assertTrue(text.contains("suggested by Grace Reader"), "credited in the issue: " + text);
        int number = Api.asEditor().get("/api/issues/" + draft.id).then().extract().jsonPath().getInt("number");

        // once featured: not offered again, and a new suggestion of it says where it went
        Issue next = drafts.create(LocalDate.of(2005, 2, 8), LocalDate.of(2005, 2, 15));
        assertFalse(community(next.id).getList("items.findAll { it.kind == 'suggestion' }.refId").contains((int) freshId),
                "featured in #" + number + ": not offered again");
        suggest(fresh + "#again", "", "", "");
        Api.asEditor().get("/api/suggestions").then().body(containsString("Already featured in #" + number + "."))
                .body(containsString("Also suggested once more (accepted)."));
    }

    @Test
    void theFormHasTheListingsProtections() {
        Browser reader = new Browser();
        reader.postWithoutToken("/suggest", Map.of("url", "https://csrf.suggest.example.org/")).then().statusCode(403);
        reader.post("/suggest", Map.of("url", "https://bot.suggest.example.org/", "website", "http://spam.example"))
                .then().statusCode(400).body(containsString("looks automated"));
        reader.post("/suggest", Map.of("url", "javascript:alert(1)", "email", "not an address"))
                .then().statusCode(400).body(containsString("Enter a web address starting with https://"))
                .body(containsString("Enter an email address like name@example.org."));
        reader.post("/suggest", Map.of("url", "https://once.suggest.example.org/", "email", "twice@suggest.example.org"))
                .then().statusCode(303).header("Location", containsString("/suggest/thanks?told=true"));
        reader.post("/suggest", Map.of("url", "https://once.suggest.example.org/", "email", "twice@suggest.example.org"))
                .then().statusCode(303);
        List<String> urls = Api.asEditor().get("/api/suggestions").then().extract().jsonPath().getList("url");
        assertEquals(1, urls.stream().filter("https://once.suggest.example.org/"::equals).count(), "a form sent twice is one suggestion");
    }

    @Test
    void aDecisionIsMadeOnceAndAnUnknownActionIsTheSendersMistake() throws Exception {
        suggest("https://twice.suggest.example.org/", "", "Linus", "linus@suggest.example.org");
        long id = idOf("https://twice.suggest.example.org/");
        Api.asEditor().body(Map.of("ids", List.of(id), "action", "publish")).post("/api/suggestions/moderate")
                .then().statusCode(400).body(containsString("accept or decline"));
        Api.asEditor().body(Map.of("ids", List.of(id), "action", "accept")).post("/api/suggestions/moderate")
                .then().statusCode(200).body("changed", org.hamcrest.Matchers.equalTo(1));
        Api.asEditor().body(Map.of("ids", List.of(id), "action", "decline")).post("/api/suggestions/moderate")
                .then().statusCode(200).body("changed", org.hamcrest.Matchers.equalTo(0));
        // the acceptance's mail comes after its commit, the refused second decision's would have come before the answer
        assertEquals("Your link for Roundup was accepted", Mails.await("linus@suggest.example.org", 1, WAIT).get(0).getSubject());
        assertEquals(1, GreenMailResource.to("linus@suggest.example.org").size(), "one decision, one mail");
        new Browser().get("/editor/suggestions").then().statusCode(org.hamcrest.Matchers.either(org.hamcrest.Matchers.is(302))
                .or(org.hamcrest.Matchers.is(303)).or(org.hamcrest.Matchers.is(401)));
    }
}
