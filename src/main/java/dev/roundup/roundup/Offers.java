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
    record Offer(Item.Kind kind, long refId, String title, String url, String blurb, String source, boolean fresh,
            List<Item.Coverage> alsoCovered) {

        Offer(Item.Kind kind, long refId, String title, String url, String blurb, String source, boolean fresh) {
            this(kind, refId, title, url, blurb, source, fresh, List.of());
        }
    }

    /** How many of a window's posts, best ranked first, are told apart into stories: a section's worth many times over. */
    static final int STORY_POOL = 200;

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
                offers.addAll(stories(windowStart, windowEnd, without(Item.Kind.POST, present), limit));
                yield offers;
            }
            case CUSTOM -> List.of();
        };
    }

    /**
     * The window's posts told once each ({@link StoryClusters}): the earliest post of a story stands for it, the others
     * are its "also covered by", and stories carried by more feeds come first. A story any of whose posts is in this
     * issue or was featured already is not offered again.
     */
    private static List<Offer> stories(Instant windowStart, Instant windowEnd, List<Long> excluded, int limit) {
        Map<Long, Post> posts = new java.util.HashMap<>();
        Post.rankedBetween(windowStart, windowEnd, List.of(), Math.max(STORY_POOL, 4 * limit)).forEach(p -> posts.put(p.id, p));
        Set<Long> left = new HashSet<>(excluded);
        return StoryClusters.of(posts.values().stream().map(p -> new StoryClusters.Candidate(p.id, p.title, p.canonicalUrl,
                p.contentHtml, p.publishedAt, p.sourceCount)).toList()).stream()
                .filter(c -> !left.contains(c.lead().id()) && c.others().stream().noneMatch(o -> left.contains(o.id()))).limit(limit)
                .map(c -> {
                    Post lead = posts.get(c.lead().id());
                    List<Item.Coverage> others = c.others().stream().map(o -> posts.get(o.id()))
                            .map(p -> new Item.Coverage(sourceOf(p), p.canonicalUrl)).toList();
                    return new Offer(Item.Kind.POST, lead.id, lead.title, lead.canonicalUrl, lead.excerpt, lead.blogName, true, others);
                }).toList();
    }

    /** The name a post's source goes by: its blog's, else its site's. */
    static String sourceOf(Post p) {
        if (p.blogName != null && !p.blogName.isBlank()) {
            return p.blogName;
        }
        try {
            String host = new java.net.URI(p.canonicalUrl).getHost();
            return host == null ? p.canonicalUrl : host;
        } catch (java.net.URISyntaxException e) {
            return p.canonicalUrl;
        }
    }

    private List<Long> without(Item.Kind kind, Map<Item.Kind, Set<Long>> present) {
        List<Long> out = new ArrayList<>(featured.get(kind));
        out.addAll(present.getOrDefault(kind, Set.of()));
        return out;
    }
}
