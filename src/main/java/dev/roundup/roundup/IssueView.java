package dev.roundup.roundup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.roundup.enrichment.Enrichments;
import dev.roundup.enrichment.LinkCard;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** An issue with everything an editor works on, for the editing page and the JSON API alike. */
public record IssueView(long id, Integer number, String label, String title, String subject, LocalDate windowFrom, LocalDate windowTo, String window,
        String intro, String footer, String sponsorName, String sponsorUrl, String sponsorText, String sponsorImage, String status,
        boolean editable, Instant scheduledAt, Instant sentAt, long version, List<SectionView> sections, String preheader) {

    public record SectionView(long id, String kind, String title, String note, List<ItemView> items, boolean thumbnails) {
        public long includedCount() {
            return items.stream().filter(ItemView::included).count();
        }
    }

    /**
     * An item; {@code featuredIn} says which other issues (not cancelled) include the same post, project or job:
     * "already featured in #3" for sent ones, "in draft #12" for those not sent yet. {@code alsoCovered}: the other
     * sources of its story ({@link StoryClusters}), shown to readers while {@code alsoCoveredKept}.
     */
    public record ItemView(long id, String kind, Long refId, String title, String url, String blurb, String source, boolean included,
            String linkStatus, List<String> featuredIn, LinkCard card, List<Item.Coverage> alsoCovered, boolean alsoCoveredKept) {

        public ItemView(long id, String kind, Long refId, String title, String url, String blurb, String source, boolean included,
                String linkStatus, List<String> featuredIn, LinkCard card) {
            this(id, kind, refId, title, url, blurb, source, included, linkStatus, featuredIn, card, List.of(), true);
        }

        public boolean broken() {
            return linkStatus != null && !linkStatus.equals("ok");
        }
    }

    public static java.util.Optional<IssueView> load(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>findByIdOptional(id).map(IssueView::of));
    }

    static IssueView of(Issue issue) {
        Map<String, List<String>> featured = featuredElsewhere(issue);
        Map<String, LinkCard> cards = Enrichments.cards(issue.sections.stream().flatMap(s -> s.items.stream()).map(i -> i.url).toList());
        List<SectionView> sections = issue.sections.stream().map(s -> new SectionView(s.id, s.kind.name().toLowerCase(), s.title, s.note,
                s.items.stream().map(i -> new ItemView(i.id, i.kind.name().toLowerCase(), i.refId, i.title, i.url, i.blurb, i.source,
                        i.included, i.linkStatus, featured.getOrDefault(i.kind + ":" + i.refId, List.of()), cards.get(i.url), i.coverage(),
                        i.alsoCoveredKept)).toList(),
                s.thumbnails)).toList();
        return new IssueView(issue.id, issue.number, issue.label(), issue.title, issue.subject, issue.windowFrom, issue.windowTo,
                Drafts.window(issue.windowFrom, issue.windowTo), issue.intro, issue.footer, issue.sponsorName, issue.sponsorUrl,
                issue.sponsorText, issue.sponsorImage, issue.status.label(), issue.status.editable(), issue.scheduledAt, issue.sentAt,
                issue.version, sections, issue.preheader);
    }

    /** In one query: for each post, project and job of this issue, the other issues that include it. */
    private static Map<String, List<String>> featuredElsewhere(Issue issue) {
        Map<String, List<String>> result = new HashMap<>();
        Issue.getEntityManager().createQuery("select o.kind, o.refId, o.section.issue.number, o.section.issue.id, o.section.issue.status "
                + "from Item o, Item mine where mine.section.issue = ?1 and mine.refId is not null and o.kind = mine.kind "
                + "and o.refId = mine.refId and o.included = true and o.section.issue <> ?1 and o.section.issue.status <> ?2 "
                + "order by o.section.issue.number nulls last, o.section.issue.id", Object[].class)
                .setParameter(1, issue).setParameter(2, IssueStatus.CANCELLED).getResultList()
                .forEach(r -> {
                    String label = Issue.label((Integer) r[2], (Long) r[3]);
                    String where = ((IssueStatus) r[4]).editable() ? "in " + label : "already featured in " + label;
                    List<String> labels = result.computeIfAbsent(r[0] + ":" + r[1], k -> new java.util.ArrayList<>());
                    if (!labels.contains(where)) {
                        labels.add(where);
                    }
                });
        return result;
    }
}
