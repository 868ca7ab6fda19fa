package dev.roundup.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.listings.ListingStatus;
import dev.roundup.roundup.Curation;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.IssueView;
import dev.roundup.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The issue's text part on a rich issue (intro paragraphs with a Markdown link, a long word, a sponsor, a note, posts
 * and a job): every part in the order readers expect, at most 78 columns, URLs whole. The text is also written to
 * {@code target/text-part.txt}, so a change of layout can be read before and after.
 */
@QuarkusTest
class TextPartTest {

    static final String LONG = "Supercalifragilisticexpialidocious-configuration-property-name-that-never-ends";

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    @Inject
    IssueRenderer renderer;

    @Test
    void theTextPartReadsInOrderIntroSponsorSectionsFooterPostalForwarded() throws Exception {
        LocalDate from = LocalDate.of(2019, 9, 2);
        Instant day = from.plusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < 3; i++) {
            Fixtures.post("Textpart post " + i + " about a rather long title that has to wrap somewhere before the edge",
                    "https://textpart.example.org/p/" + i, day.plusSeconds(3600L * i), 1);
        }
        Fixtures.job("Textpart Engineer", ListingStatus.PUBLISHED, day, Instant.now().plus(Duration.ofDays(60)));
        long id = drafts.create(from, from.plusDays(7)).id;
        IssueView view = IssueView.load(id).orElseThrow();
        long v = view.version();
        IssueView.SectionView first = view.sections().stream().filter(s -> !s.items().isEmpty()).findFirst().orElseThrow();
        v = curation.updateItem(id, v, first.items().get(0).id(), new Curation.ItemChange(null,
                "A blurb that runs long enough to need a second line in the text part, with " + LONG + " inside it.", true));
        v = curation.updateSection(id, v, first.id(), null, "A note on this section, with a [link](https://textpart.example.org/note).");
        v = curation.updateFields(id, v, new Curation.Fields("Textpart weekly", null,
                "Hello {firstName}, here is what the community built this week: read [the release notes](https://textpart.example.org/notes) first.\n\n"
                        + "A second paragraph with " + LONG + " in it.",
                null, "Sponsor Co", "https://sponsor.textpart.example.org/", "Sponsors you with a text long enough to wrap onto a second line.",
                null));
        String text = renderer.render(id).forReader("Ada Lovelace", "https://news.example.org/unsubscribe/TP").text();
        Files.writeString(Path.of("target/text-part.txt"), text);

        List<String> lines = text.lines().toList();
        assertEquals("Textpart weekly", lines.get(0));
        assertEquals("===============", lines.get(1), "the title underlined");
        assertTrue(lines.stream().filter(l -> !l.strip().startsWith("http") && !l.contains(LONG)).allMatch(l -> l.length() <= 78),
                "lines of at most 78, but for a URL or a word longer than that: " + text);
        assertTrue(lines.contains(LONG + " in it.") || text.contains(LONG), "a long word is kept whole");
        assertTrue(text.contains("Hello Ada, here is"), "the reader's first name filled in");
        assertTrue(lines.contains("  https://textpart.example.org/p/0"), "an item's URL on its own line, indented");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("* Textpart post 0")), "an item is a bullet");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("* Textpart Engineer at Acme")), "the job");
        int intro = text.indexOf("Hello Ada");
        int sponsor = text.indexOf("This issue is sponsored by Sponsor Co.");
        int note = text.indexOf("A note on this section");
        int item = text.indexOf("* Textpart Engineer at Acme");
        int footer = text.indexOf("\n-- \n");
        int why = text.indexOf("Why are you getting this");
        int unsubscribe = text.indexOf("https://news.example.org/unsubscribe/TP");
        int forwarded = text.indexOf("Forwarded this? Subscribe here:");
        int postal = text.indexOf("1 Example Street, 10115 Berlin");
        assertTrue(intro > 0 && intro < sponsor && sponsor < note && note < item && item < footer && footer < why && why < unsubscribe
                && unsubscribe < forwarded && forwarded < postal, "intro, sponsor, sections, footer, why, links, forwarded, postal address: " + text);
    }
}
