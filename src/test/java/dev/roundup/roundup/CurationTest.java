package dev.roundup.roundup;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.testing.Api;
import dev.roundup.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** Editing an issue: every change saved at once, two editors never overwrite each other, a sent issue stays as sent. */
@QuarkusTest
class CurationTest {

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    IssueView draftWithPosts(LocalDate from) {
        for (int i = 0; i < 3; i++) {
            Fixtures.post("Curated " + from + " " + i, "https://curate.example.org/" + from + "/" + i,
                    DraftingTest.at(from.plusDays(1), 8 + i), 1);
        }
        return IssueView.load(drafts.create(from, from.plusDays(7)).id).orElseThrow();
    }

    static IssueView.SectionView community(IssueView issue) {
        return issue.sections().stream().filter(s -> s.kind().equals("community")).findFirst().orElseThrow();
    }

    @Test
    void aSecondEditorWorkingFromAnOldVersionGetsAConflictNotASilentOverwrite() {
        IssueView issue = draftWithPosts(LocalDate.of(2025, 9, 1));
        long item = community(issue).items().get(0).id();
        long v1 = issue.version();
        long v2 = Api.asEditor().body(Map.of("version", v1, "blurb", "Alice's words")).put("/api/issues/" + issue.id() + "/items/" + item)
                .then().statusCode(200).extract().jsonPath().getLong("version");
        Api.asEditor().body(Map.of("version", v1, "blurb", "Bob's words")).put("/api/issues/" + issue.id() + "/items/" + item)
                .then().statusCode(409).body("detail", containsString("changed by someone else"));
        assertEquals("Alice's words", community(IssueView.load(issue.id()).orElseThrow()).items().get(0).blurb());
        Api.asEditor().body(Map.of("version", v2, "subject", "Fresh subject")).put("/api/issues/" + issue.id()).then().statusCode(200);
    }

    @Test
    void aSubjectWithAPlaceholderThatIsNotFilledInIsRefusedAndNamed() {
        IssueView issue = draftWithPosts(LocalDate.of(2025, 12, 8));
        Api.asEditor().body(Map.of("version", issue.version(), "subject", "{newsletter} news {weeknumber}")).put("/api/issues/" + issue.id())
                .then().statusCode(400).body("detail", containsString("subject")).body("detail", containsString("{weeknumber}"));
        Api.asEditor().body(Map.of("version", issue.version(), "subject", "Hi {name}, issue {number}")).put("/api/issues/" + issue.id())
                .then().statusCode(400).body("detail", containsString("{name}")).body("detail", containsString("every reader"));
        assertEquals(issue.subject(), IssueView.load(issue.id()).orElseThrow().subject(), "nothing saved");
        Api.asEditor().body(Map.of("version", issue.version(), "subject", "{newsletter} #{number}: {window}"))
                .put("/api/issues/" + issue.id()).then().statusCode(200);
    }

    @Test
    void reorderingExcludingAddingAndSectionsAreSaved() {
        IssueView issue = draftWithPosts(LocalDate.of(2025, 9, 15));
        IssueView.SectionView section = community(issue);
        List<Long> ids = new ArrayList<>(section.items().stream().map(IssueView.ItemView::id).toList());
        java.util.Collections.reverse(ids);
        long v = Api.asEditor().body(Map.of("version", issue.version(), "sections", List.of(Map.of("sectionId", section.id(), "itemIds", ids))))
                .put("/api/issues/" + issue.id() + "/order").then().statusCode(200).extract().jsonPath().getLong("version");
        v = Api.asEditor().body(Map.of("version", v, "included", false)).put("/api/issues/" + issue.id() + "/items/" + ids.get(0))
                .then().statusCode(200).extract().jsonPath().getLong("version");
        v = Api.asEditor().body(Map.of("version", v, "sectionId", section.id(), "title", "An editor's pick", "url", "https://pick.example.org/"))
                .post("/api/issues/" + issue.id() + "/links").then().statusCode(200).extract().jsonPath().getLong("version");
        Api.asEditor().body(Map.of("version", v, "sectionId", section.id(), "title", "Bad", "url", "javascript:alert(1)"))
                .post("/api/issues/" + issue.id() + "/links").then().statusCode(400);
        v = Api.asEditor().body(Map.of("version", v, "title", "Events")).post("/api/issues/" + issue.id() + "/sections")
                .then().statusCode(200).extract().jsonPath().getLong("version");

        IssueView after = IssueView.load(issue.id()).orElseThrow();
        IssueView.SectionView saved = community(after);
        assertEquals(ids, saved.items().stream().limit(3).map(IssueView.ItemView::id).toList(), "the new order");
        assertFalse(saved.items().get(0).included());
        assertEquals("An editor's pick", saved.items().get(3).title());
        assertEquals("Events", after.sections().get(after.sections().size() - 1).title());
    }

    @Test
    void anItemDraggedIntoAnotherSectionMovesThereAndSurvives() {
        IssueView issue = draftWithPosts(LocalDate.of(2025, 9, 22));
        IssueView.SectionView community = community(issue);
        IssueView.SectionView projects = issue.sections().get(0);
        long moved = community.items().get(1).id();
        List<Long> rest = community.items().stream().map(IssueView.ItemView::id).filter(id -> id != moved).toList();
        // projects other tests left unfeatured are offered here too: the moved post goes in after them
        List<Long> projectsAfter = new java.util.ArrayList<>(projects.items().stream().map(IssueView.ItemView::id).toList());
        projectsAfter.add(moved);
        Api.asEditor().body(Map.of("version", issue.version(), "sections", List.of(
                Map.of("sectionId", projects.id(), "itemIds", projectsAfter),
                Map.of("sectionId", community.id(), "itemIds", rest))))
                .put("/api/issues/" + issue.id() + "/order").then().statusCode(200);
        IssueView after = IssueView.load(issue.id()).orElseThrow();
        assertEquals(projectsAfter, after.sections().get(0).items().stream().map(IssueView.ItemView::id).toList());
        assertEquals(rest, community(after).items().stream().map(IssueView.ItemView::id).toList());
    }

    @Test
    void aSentIssueRefusesEditsAndKeepsWhatWasSent() {
        IssueView issue = draftWithPosts(LocalDate.of(2025, 10, 6));
        curation.changeStatus(issue.id(), IssueStatus.SENDING, null);
        Api.asEditor().body(Map.of("version", issue.version() + 1, "subject", "Too late")).put("/api/issues/" + issue.id())
                .then().statusCode(409).body("detail", containsString("can no longer change"));
        curation.changeStatus(issue.id(), IssueStatus.SENT, null);
        IssueView sent = IssueView.load(issue.id()).orElseThrow();
        Api.asEditor().body(Map.of("version", sent.version(), "subject", "Too late")).put("/api/issues/" + issue.id())
                .then().statusCode(409);
        Api.asEditor().body(Map.of("status", "draft")).post("/api/issues/" + issue.id() + "/status").then().statusCode(409);
        Api.asEditor().body(Map.of("status", "sent")).post("/api/issues/" + issue.id() + "/status").then().statusCode(409);
        Api.asEditor().get("/api/issues/" + issue.id()).then().body("subject", equalTo(issue.subject())).body("status", equalTo("sent"));
    }

    @Test
    void statusChangesFollowTheRules() {
        IssueView issue = draftWithPosts(LocalDate.of(2025, 11, 3));
        Api.asEditor().body(Map.of("status", "scheduled")).post("/api/issues/" + issue.id() + "/status").then().statusCode(400)
                .body("detail", containsString("time in the future"));
        Api.asEditor().body(Map.of("status", "scheduled", "scheduledAt", java.time.Instant.now().plusSeconds(3600).toString()))
                .post("/api/issues/" + issue.id() + "/status").then().statusCode(200).body("status", equalTo("scheduled"));
        Api.asEditor().body(Map.of("status", "cancelled")).post("/api/issues/" + issue.id() + "/status").then().statusCode(200)
                .body("status", equalTo("cancelled"));
        Api.asEditor().body(Map.of("status", "draft")).post("/api/issues/" + issue.id() + "/status").then().statusCode(200);
    }

    @Test
    void aSectionMovesToAPlaceAndAnItemsUrlChangesToAnotherWebAddressOnly() {
        IssueView issue = draftWithPosts(LocalDate.of(2015, 5, 4));
        List<String> before = issue.sections().stream().map(IssueView.SectionView::title).toList();
        long community = community(issue).id();
        long v = Api.asEditor().body(Map.of("version", issue.version(), "index", 0))
                .put("/api/issues/" + issue.id() + "/sections/" + community + "/position").then().statusCode(200)
                .extract().jsonPath().getLong("version");
        IssueView moved = IssueView.load(issue.id()).orElseThrow();
        List<String> expected = new ArrayList<>(before);
        expected.remove("From the Community");
        expected.add(0, "From the Community");
        assertEquals(expected, moved.sections().stream().map(IssueView.SectionView::title).toList(), "to the top, the rest in order");
        Api.asEditor().body(Map.of("version", issue.version(), "index", 2))
                .put("/api/issues/" + issue.id() + "/sections/" + community + "/position").then().statusCode(409);

        long item = community(moved).items().get(0).id();
        Api.asEditor().body(Map.of("version", v, "url", "javascript:alert(1)")).put("/api/issues/" + issue.id() + "/items/" + item)
                .then().statusCode(400).body("detail", containsString("https://"));
        long v2 = Api.asEditor().body(Map.of("version", v, "url", " https://fixed.example.org/post ")).put("/api/issues/" + issue.id() + "/items/" + item)
                .then().statusCode(200).extract().jsonPath().getLong("version");
        assertEquals("https://fixed.example.org/post", community(IssueView.load(issue.id()).orElseThrow()).items().get(0).url());
        Api.asEditor().body(Map.of("version", v, "url", "https://late.example.org/")).put("/api/issues/" + issue.id() + "/items/" + item)
                .then().statusCode(409);
        assertEquals(v2 + 1, curation.editItemUrl(issue.id(), v2, item, "http://plain.example.org/"));
    }

    @Test
    void thePreviewGreetsByFirstNameOnTheDayTheIssueGoesOut() {
        IssueView issue = draftWithPosts(LocalDate.of(2015, 6, 1)); // a Monday: its window ends on a Monday too
        Api.asEditor().body(Map.of("version", issue.version(), "intro", "Hey {firstName}, happy {weekday}! ({window})"))
                .put("/api/issues/" + issue.id()).then().statusCode(200);
        String before = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
        String html = dev.roundup.testing.Browser.signedInEditor().get("/editor/issues/" + issue.id() + "/preview/email").then().statusCode(200)
                .extract().asString();
        String after = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
        assertTrue(html.contains("Hey there, happy " + before + "!") || html.contains("Hey there, happy " + after + "!"),
                "today, in the newsletter's zone (UTC here), not the window's end");
        assertTrue(html.contains("(Jun 1–7)"), "the days the window covers");
        assertTrue(html.contains("Draft issue"), "a draft has no number yet");
    }
}
