package dev.roundup.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.roundup.roundup.IssueView;

/** The rules of the editors' draft mail: what counts as an item, when a week is quiet, what a check that did not run says. */
class DraftReportTest {

    private static IssueView.ItemView item(long id, boolean included) {
        return new IssueView.ItemView(id, "post", id, "Post " + id, "https://report.example.org/" + id, null, "Blog", included, null, List.of(), null);
    }

    private static IssueView issue(int included, int suggested) {
        List<IssueView.ItemView> items = new java.util.ArrayList<>();
        for (int i = 0; i < included + suggested; i++) {
            items.add(item(i, i < included));
        }
        return new IssueView(7, null, "draft #7", "Title", "Subject", LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30), "Nov 23–29",
                "", "", null, null, null, null, "draft", true, null, null, 1,
                List.of(new IssueView.SectionView(1, "community", "From the Community", null, items, false),
                        new IssueView.SectionView(2, "custom", "Support", "note", List.of(), false)), null);
    }

    @Test
    void aWeekWithFewerIncludedItemsThanTheMinimumIsQuietAndSuggestionsDoNotCount() {
        DraftReport quiet = DraftReport.of("Roundup", issue(2, 9), 3, List.of(), "https://r.example.org/editor/issues/7");
        assertTrue(quiet.quiet());
        assertEquals(2, quiet.items());
        assertEquals(new DraftReport.SectionCount("From the Community", 2, 9), quiet.sections().get(0));
        assertEquals("Quiet week: draft #7 has only 2 items (Nov 23–29)", quiet.subject());
        assertEquals("https://r.example.org/editor/issues/7/skip", quiet.skipLink());

        DraftReport enough = DraftReport.of("Roundup", issue(3, 0), 3, List.of(), "https://r.example.org/editor/issues/7");
        assertFalse(enough.quiet());
        assertEquals("Ready for you: draft #7, 3 items (Nov 23–29)", enough.subject());
    }

    @Test
    void aMinimumOfZeroNeverMakesAQuietWeekAndNoCheckIsNotAllLinksWorking() {
        DraftReport empty = DraftReport.of("Roundup", issue(0, 0), 0, null, "https://r.example.org/editor/issues/7");
        assertFalse(empty.quiet(), "0 turns the quiet week off");
        assertEquals("Ready for you: draft #7, 0 items (Nov 23–29)", empty.subject());
        assertFalse(empty.checked(), "no check ran: the mail must not say every link works");
        DraftReport broken = DraftReport.of("Roundup", issue(1, 0), 0, List.of("Post 0 (HTTP 404)"), "https://r.example.org/editor/issues/7");
        assertTrue(broken.checked());
        assertEquals(List.of("Post 0 (HTTP 404)"), broken.broken());
        assertEquals("Ready for you: draft #7, 1 item (Nov 23–29)", broken.subject());
    }
}
