package dev.roundup.roundup;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.listings.ListingStatus;
import dev.roundup.testing.Api;
import dev.roundup.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/** A week's draft picks exactly that week's approved items, ranks posts, respects sizes and never repeats itself. */
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

    @Test
    void theDraftForAWeekPicksThatWeeksApprovedItemsRankedAndSized() {
        LocalDate week2 = MON.plusDays(7);
        Fixtures.project("Week One Project", ListingStatus.PUBLISHED, at(MON, 10));
        Fixtures.project("Pending Project", ListingStatus.PENDING, at(MON, 11));
        Fixtures.project("Week Two Project", ListingStatus.PUBLISHED, at(week2, 10));
        Fixtures.job("Week One Job", ListingStatus.PUBLISHED, at(MON.plusDays(1), 9), Instant.now().plusSeconds(86_400 * 20));
        Fixtures.job("Expired Job", ListingStatus.PUBLISHED, at(MON.plusDays(1), 9), Instant.now().minusSeconds(60));
        Fixtures.job("Rejected Job", ListingStatus.REJECTED, at(MON.plusDays(1), 9), Instant.now().plusSeconds(86_400));
        for (int i = 0; i < 12; i++) {
            Fixtures.post("Weekly post " + i, "https://draft.example.org/w1/" + i, at(MON.plusDays(i % 7), 8 + i), 1);
        }
        Fixtures.post("Cross-posted but old in the week", "https://draft.example.org/w1/cross", at(MON, 1), 3);
        Fixtures.post("Next week's post", "https://draft.example.org/w2/0", at(week2, 9), 5);

        IssueView issue = Api.asEditor().body(Map.of("from", MON.toString(), "to", week2.toString())).post("/api/issues")
                .then().statusCode(201).extract().as(IssueView.class);
        assertEquals("Roundup — Weekly Roundup (Mar 03–Mar 10, 2025)", issue.title());
        assertEquals(List.of("Projects", "Jobs", "From the Community", "Support"), issue.sections().stream().map(IssueView.SectionView::title).toList());

        IssueView.SectionView projects = issue.sections().get(0);
        assertEquals(List.of("Week One Project"), projects.items().stream().map(IssueView.ItemView::title).toList());
        IssueView.SectionView jobs = issue.sections().get(1);
        assertEquals(List.of("Week One Job at Acme"), jobs.items().stream().map(IssueView.ItemView::title).toList(),
                "expired, rejected and other weeks' jobs stay out");

        IssueView.SectionView community = issue.sections().get(2);
        List<IssueView.ItemView> included = community.items().stream().filter(IssueView.ItemView::included).toList();
        assertEquals(10, included.size(), "the configured size");
        assertEquals(13, community.items().size(), "the rest stay as suggestions");
        assertEquals("Cross-posted but old in the week", included.get(0).title(), "posts in several feeds first");
        assertEquals("Weekly post 6", included.get(1).title(), "then newest first (day 6 of the week)");
        assertTrue(community.items().stream().noneMatch(i -> i.title().equals("Next week's post")));

        Api.asEditor().body(Map.of("from", MON.toString(), "to", week2.toString())).post("/api/issues").then().statusCode(409)
                .body("detail", containsString("An issue for Mar 03–Mar 10, 2025 already exists: #" + issue.number()));
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
