package dev.roundup.roundup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.roundup.feeds.Post;
import dev.roundup.listings.Job;
import dev.roundup.listings.Project;
import dev.roundup.suggestions.Suggestion;

/**
 * What a draft may offer, and how: the posts of its window, every link the community suggested and an editor accepted,
 * and every published project and job approved before its cutoff (the send, or now while it is a draft), leaving out
 * whatever a sending or sent issue featured. What another
 * unsent issue includes is offered too, as a suggestion only: the editor sees it ("in draft #12") instead of a hole.
 */
final class Offers {

    /**
     * One thing that can become an item; {@code fresh} when it is new since the window began (a post of the window, a
     * listing approved since its start), not one an earlier draft already offered.
     */
    record Offer(Item.Kind kind, long refId, String title, String url, String blurb, String source, boolean fresh) {
    }

    private final Map<Item.Kind, Set<Long>> featured = new EnumMap<>(Item.Kind.class);
    private final Map<Item.Kind, Set<Long>> heldElsewhere = new EnumMap<>(Item.Kind.class);

    private Offers(Issue issue) {
        for (Item.Kind kind : Item.Kind.values()) {
            featured.put(kind, new HashSet<>());
            heldElsewhere.put(kind, new HashSet<>());
        }
        Issue.getEntityManager().createQuery("select i.kind, i.refId, i.section.issue.status from Item i where i.included = true "
                + "and i.refId is not null and i.section.issue <> ?1 and i.section.issue.status <> ?2", Object[].class)
                .setParameter(1, issue).setParameter(2, IssueStatus.CANCELLED).getResultList()
                .forEach(r -> (((IssueStatus) r[2]).editable() ? heldElsewhere : featured).get((Item.Kind) r[0]).add((Long) r[1]));
    }

    /** The offers for {@code issue}, read in the caller's transaction. */
    static Offers forIssue(Issue issue) {
        return new Offers(issue);
    }

    /** Whether another unsent issue includes it: then it is offered as a suggestion only. */
    boolean heldElsewhere(Offer offer) {
        return heldElsewhere.get(offer.kind()).contains(offer.refId());
    }

    /**
     * Candidates for {@code kind}'s section, best first, leaving out {@code present} (already in this issue, by the
     * kind of item) too.
     */
    List<Offer> of(Section.Kind kind, Instant windowStart, Instant windowEnd, Instant cutoff, Map<Item.Kind, Set<Long>> present, int limit) {
        return switch (kind) {
            case PROJECTS -> Project.offerable(cutoff, without(Item.Kind.PROJECT, present), limit).stream()
                    .map(p -> new Offer(Item.Kind.PROJECT, p.id, p.name, p.url, p.description, p.makerName,
                            !p.approvedAt.isBefore(windowStart))).toList();
            case JOBS -> Job.offerable(cutoff, cutoff, without(Item.Kind.JOB, present), limit).stream()
                    .map(j -> new Offer(Item.Kind.JOB, j.id, (j.featured ? "⭐ " : "") + j.title + " at " + j.company, j.applyUrl,
                            j.location + (j.salary == null ? "" : " · " + j.salary), j.company, !j.approvedAt.isBefore(windowStart))).toList();
            case COMMUNITY -> {
                // links the community suggested and an editor accepted come first, as suggestions the editor picks
                List<Offer> offers = new ArrayList<>(Suggestion.offerable(cutoff, without(Item.Kind.SUGGESTION, present), limit).stream()
                        .map(s -> new Offer(Item.Kind.SUGGESTION, s.id, s.headline(), s.canonicalUrl, s.note, s.credit(), false)).toList());
                Post.rankedBetween(windowStart, windowEnd, without(Item.Kind.POST, present), limit).stream()
                        .map(p -> new Offer(Item.Kind.POST, p.id, p.title, p.canonicalUrl, p.excerpt, p.blogName, true)).forEach(offers::add);
                yield offers;
            }
            case CUSTOM -> List.of();
        };
    }

    private List<Long> without(Item.Kind kind, Map<Item.Kind, Set<Long>> present) {
        List<Long> out = new ArrayList<>(featured.get(kind));
        out.addAll(present.getOrDefault(kind, Set.of()));
        return out;
    }
}
