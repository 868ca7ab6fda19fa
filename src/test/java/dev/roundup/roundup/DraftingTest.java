package dev.roundup.roundup;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.listings.Job;
import dev.roundup.listings.ListingStatus;
import dev.roundup.listings.Project;
import dev.roundup.testing.Api;
import dev.roundup.testing.Browser;
import dev.roundup.testing.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A week's draft offers every approved listing no issue featured yet and the week's posts, ranked and sized; what
 * arrives later comes in on a refresh; what another draft holds is a marked suggestion; nothing sent is repeated.
 */
@QuarkusTest
class DraftingTest {

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    static final LocalDate MON = LocalDate.of(2025, 3, 3);

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    /**
     * Other tests leave published listings behind, approved later than these fixtures; a paid feature ranks first, so
     * a test's own listings are among the first offered whatever ran before.
     */
    static void payToFeature(Object listing) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (listing instanceof Project p) {
                Project.<Project>findById(p.id).featured = true;
            } else {
                Job.<Job>findById(((Job) listing).id).featured = true;
            }
        });
    }

    static List<String> titles(IssueView.SectionView section) {
        return section.items().stream().map(IssueView.ItemView::title).toList();
    }

    static IssueView.SectionView section(IssueView issue, String kind) {
        return issue.sections().stream().filter(s -> s.kind().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void theDraftForAWeekPicksApprovedListingsAndTheWeeksPostsRankedAndSized() {
        LocalDate week2 = MON.plusDays(7);
        payToFeature(Fixtures.project("Week One Project", ListingStatus.PUBLISHED, at(MON, 10)));
        payToFeature(Fixtures.project("Pending Project", ListingStatus.PENDING, at(MON, 11)));
        payToFeature(Fixtures.project("Week Two Project", ListingStatus.PUBLISHED, at(week2, 10)));
        payToFeature(Fixtures.project("Passed Over Earlier", ListingStatus.PUBLISHED, at(MON.minusDays(30), 10)));
        payToFeature(Fixtures.job("Week One Job", ListingStatus.PUBLISHED, at(MON.plusDays(1), 9), Instant.now().plusSeconds(86_400 * 20)));
        payToFeature(Fixtures.job("Expired Job", ListingStatus.PUBLISHED, at(MON.plusDays(1), 9), Instant.now().minusSeconds(60)));
        payToFeature(Fixtures.job("Rejected Job", ListingStatus.REJECTED, at(MON.plusDays(1), 9), Instant.now().plusSeconds(86_400)));
        for (int i = 0; i < 12; i++) {
            Fixtures.post("Weekly post " + i, "https://draft.example.org/w1/" + i, at(MON.plusDays(i % 7), 8 + i), 1);
        }
        Fixtures.post("Cross-posted but old in the week", "https://draft.example.org/w1/cross", at(MON, 1), 3);
        Fixtures.post("Next week's post", "https://draft.example.org/w2/0", at(week2, 9), 5);

        IssueView issue = Api.asEditor().body(Map.of("from", MON.toString(), "to", week2.toString())).post("/api/issues")
                .then().statusCode(201).extract().as(IssueView.class);
        assertEquals("Roundup — Weekly Roundup (Mar 3–9)", issue.title(), "the days it covers");
        assertEquals("Mar 3–9", issue.window());
        assertNull(issue.number(), "a draft has no number: numbers are given as issues go out");
        assertEquals("draft #" + issue.id(), issue.label());
        assertEquals(List.of("Projects", "Jobs", "From the Community", "Support"), issue.sections().stream().map(IssueView.SectionView::title).toList());

        List<String> projects = titles(section(issue, "projects"));
        assertTrue(projects.contains("Week One Project"), projects.toString());
        assertTrue(projects.contains("Week Two Project"), "approved after the window, featured by no issue yet: " + projects);
        assertFalse(projects.contains("Pending Project"));
        Map<String, Boolean> projectIncluded = new java.util.HashMap<>();
        section(issue, "projects").items().forEach(i -> projectIncluded.put(i.title(), i.included()));
        assertEquals(true, projectIncluded.get("Week One Project"));
        assertEquals(true, projectIncluded.get("Week Two Project"), "Monday morning's approval is in the issue");
        assertEquals(false, projectIncluded.get("Passed Over Earlier"), "approved before the window: offered before, now a suggestion");
        List<String> jobs = titles(section(issue, "jobs"));
        assertTrue(jobs.contains("⭐ Week One Job at Acme"), jobs.toString());
        assertTrue(jobs.stream().noneMatch(t -> t.contains("Expired Job") || t.contains("Rejected Job")), "expired and rejected jobs stay out");

        IssueView.SectionView community = section(issue, "community");
        List<IssueView.ItemView> included = community.items().stream().filter(IssueView.ItemView::included).toList();
        assertEquals(10, included.size(), "the configured size");
        assertEquals(13, community.items().size(), "the rest stay as suggestions");
        assertEquals("Cross-posted but old in the week", included.get(0).title(), "posts in several feeds first");
        assertEquals("Weekly post 6", included.get(1).title(), "then newest first (day 6 of the week)");
        assertTrue(community.items().stream().noneMatch(i -> i.title().equals("Next week's post")));

        Api.asEditor().body(Map.of("from", MON.toString(), "to", week2.toString())).post("/api/issues").then().statusCode(409)
                .body("detail", containsString("An issue for Mar 3–9 already exists: draft #" + issue.id()));
    }

    @Test
    void listingsApprovedAfterTheDraftWasMadeComeInAsSuggestionsWhenTheEditorRefreshes() {
        LocalDate from = LocalDate.of(2017, 9, 4);
        Issue draft = drafts.create(from, from.plusDays(7));
        // Monday morning's moderation, after the 06:00 draft
        Project late = Fixtures.project("Approved Monday Morning", ListingStatus.PUBLISHED, Instant.now());
        payToFeature(late);
        Job lateJob = Fixtures.job("Monday Job", ListingStatus.PUBLISHED, Instant.now(), Instant.now().plusSeconds(86_400 * 30));
        payToFeature(lateJob);
        IssueView before = IssueView.load(draft.id).orElseThrow();
        assertFalse(titles(section(before, "projects")).contains("Approved Monday Morning"));

        Browser editor = Browser.signedInEditor();
        editor.postWithoutToken("/editor/issues/" + draft.id + "/suggestions", Map.of("version", before.version())).then().statusCode(403);
        editor.post("/editor/issues/" + draft.id + "/suggestions", Map.of("version", before.version())).then().statusCode(303);
        String page = editor.get("/editor/issues/" + draft.id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("new suggestion"), "the page says what the refresh did");
        assertTrue(page.contains("Approved Monday Morning"));

        IssueView after = IssueView.load(draft.id).orElseThrow();
        IssueView.ItemView project = section(after, "projects").items().stream().filter(i -> i.title().equals("Approved Monday Morning"))
                .findFirst().orElseThrow();
        assertFalse(project.included(), "offered, not put in behind the editor's back");
        assertTrue(titles(section(after, "jobs")).contains("⭐ Monday Job at Acme"));

        // a second refresh adds nothing twice; a stale version is refused as every change is
        Api.asEditor().body(Map.of("version", after.version())).post("/api/issues/" + draft.id + "/suggestions").then().statusCode(200);
        assertEquals(1, section(IssueView.load(draft.id).orElseThrow(), "projects").items().stream()
                .filter(i -> i.title().equals("Approved Monday Morning")).count());
        Api.asEditor().body(Map.of("version", before.version())).post("/api/issues/" + draft.id + "/suggestions").then().statusCode(409);
    }

    @Test
    void postsHeldByAnotherUnsentDraftAreSuggestionsMarkedWithThatDraft() {
        LocalDate from = LocalDate.of(2017, 10, 2);
        Fixtures.post("Early in the first week", "https://draft.example.org/overlap/1", at(from.plusDays(1), 9), 1);
        Fixtures.post("Where the weeks overlap", "https://draft.example.org/overlap/2", at(from.plusDays(4), 9), 1);
        Fixtures.post("Only in the second", "https://draft.example.org/overlap/3", at(from.plusDays(8), 9), 1);
        Issue first = drafts.create(from, from.plusDays(7));
        Issue second = drafts.create(from.plusDays(3), from.plusDays(10));

        List<IssueView.ItemView> posts = section(IssueView.load(second.id).orElseThrow(), "community").items();
        IssueView.ItemView held = posts.stream().filter(i -> i.title().equals("Where the weeks overlap")).findFirst()
                .orElseThrow(() -> new AssertionError("not hidden: " + posts));
        assertFalse(held.included(), "the first draft has it: a suggestion here");
        assertEquals(List.of("in draft #" + first.id), held.featuredIn());
        assertTrue(posts.stream().filter(i -> i.title().equals("Only in the second")).findFirst().orElseThrow().included());
        String page = Browser.signedInEditor().get("/editor/issues/" + second.id).then().statusCode(200).extract().asString();
        assertTrue(page.contains("in draft #" + first.id), "the editor sees why it is not included");

        // once the first is sent, it is featured: a later draft leaves it out, and the second says where it went
        curation.changeStatus(first.id, IssueStatus.SENDING, null);
        curation.changeStatus(first.id, IssueStatus.SENT, null);
        int number = QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>findById(first.id).number);
        assertEquals(List.of("already featured in #" + number), section(IssueView.load(second.id).orElseThrow(), "community").items().stream()
                .filter(i -> i.title().equals("Where the weeks overlap")).findFirst().orElseThrow().featuredIn());
        Issue third = drafts.create(from.plusDays(4), from.plusDays(11));
        assertTrue(section(IssueView.load(third.id).orElseThrow(), "community").items().stream()
                .noneMatch(i -> i.title().equals("Where the weeks overlap")));
    }

    @Test
    void postsAlreadyFeaturedInAnEarlierIssueAreNotFeaturedAgain() {
        LocalDate from = LocalDate.of(2025, 6, 2);
        Fixtures.post("Featured once", "https://draft.example.org/again/1", at(from.plusDays(4), 9), 1);
        Fixtures.post("Fresh one", "https://draft.example.org/again/2", at(from.plusDays(8), 9), 1);
        Issue first = drafts.create(from, from.plusDays(7));
        curation.changeStatus(first.id, IssueStatus.SENDING, null);
        curation.changeStatus(first.id, IssueStatus.SENT, null);

        Issue overlapping = drafts.create(from.plusDays(3), from.plusDays(10));
        IssueView view = IssueView.load(overlapping.id).orElseThrow();
        List<String> titles = view.sections().stream().filter(s -> s.kind().equals("community")).findFirst().orElseThrow()
                .items().stream().map(IssueView.ItemView::title).toList();
        assertTrue(titles.contains("Fresh one"));
        assertFalse(titles.contains("Featured once"), "already in #" + first.number);
    }
}
