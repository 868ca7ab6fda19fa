package dev.roundup.roundup;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roundup.Rejected;
import dev.roundup.feeds.CanonicalUrl;
import dev.roundup.feeds.Post;
import dev.roundup.listings.Job;
import dev.roundup.listings.ListingStatus;
import dev.roundup.listings.Project;
import dev.roundup.suggestions.Suggestion;
import dev.roundup.suggestions.SuggestionStatus;

/**
 * Where things stand in an issue: an item removed and put back (its undo), a section moved, an item's link
 * corrected. Each change goes through {@link Curation#change}, so it carries the version the editor saw.
 */
@ApplicationScoped
public class Layout {

    @Inject
    Curation curation;

    /**
     * An item as it was when removed, with its place: what an undo puts back. {@code alsoCovered}: the other posts of
     * its story, which an undo takes back only as far as they are posts Roundup has (named as their feed names them).
     */
    public record RemovedItem(long sectionId, int position, Item.Kind kind, Long refId, String title, String url, String blurb,
            String source, boolean included, List<Item.Coverage> alsoCovered, Boolean alsoCoveredKept) {

        public RemovedItem(long sectionId, int position, Item.Kind kind, Long refId, String title, String url, String blurb,
                String source, boolean included) {
            this(sectionId, position, kind, refId, title, url, blurb, source, included, List.of(), true);
        }
    }

    /** The version after a removal, and what was removed (for an undo). */
    @Schema(name = "ItemRemoval")
    public record Removal(long version, RemovedItem item) {
    }

    /** The version after an item was put back, and the put-back item's new id. */
    @Schema(name = "ItemRestored")
    public record Restored(long version, long itemId) {
    }

    public Removal removeItem(long issueId, long version, long itemId) {
        RemovedItem[] removed = new RemovedItem[1];
        long saved = curation.change(issueId, version, issue -> {
            Item item = Curation.itemOf(issue, itemId);
            List<Item> items = item.section.items;
            removed[0] = new RemovedItem(item.section.id, items.indexOf(item), item.kind, item.refId, item.title, item.url, item.blurb,
                    item.source, item.included, item.coverage(), item.alsoCoveredKept);
            items.remove(item);
            renumber(items);
        });
        return new Removal(saved, removed[0]);
    }

    /**
     * The undo of {@link #removeItem}: puts the item back into its section at its place (or at the end if the section
     * is shorter now). The item comes from the browser, so it is checked like anything else a browser sends: a post or
     * listing it names must exist (a listing must be published), and an issue never holds the same one twice.
     */
    public Restored restoreItem(long issueId, long version, RemovedItem r) {
        if (r == null || r.kind() == null) {
            throw new Rejected("Say which item to put back.");
        }
        if (r.position() < 0) {
            throw new Rejected("An item's place is 0 or more.");
        }
        Item[] restored = new Item[1];
        long saved = curation.change(issueId, version, issue -> {
            Section section = Curation.sectionOf(issue, r.sectionId());
            String url = Curation.link(r.url(), false);
            requireSource(r.kind(), r.refId());
            if (issue.sections.stream().flatMap(s -> s.items.stream()).anyMatch(i -> sameThing(i, r.kind(), r.refId(), url))) {
                throw new Rejected("“" + r.title() + "” is already in this issue.");
            }
            Item item = Drafts.item(section, r.kind(), r.refId(), Curation.oneLine(r.title(), 1000, "title"), url,
                    Curation.blankToNull(Curation.limit(r.blurb(), 5000)),
                    r.source() == null ? null : Curation.oneLineOrEmpty(r.source(), 300), r.included());
            if (r.kind() == Item.Kind.POST && r.alsoCovered() != null) {
                item.coveredAlsoBy(knownPosts(r.alsoCovered()));
                item.alsoCoveredKept = !Boolean.FALSE.equals(r.alsoCoveredKept());
            }
            section.items.remove(item);
            section.items.add(Math.min(r.position(), section.items.size()), item);
            renumber(section.items);
            restored[0] = item;
        });
        return new Restored(saved, restored[0].id);
    }

    /** The other sources an undo puts back: only posts Roundup has, in the order given, named as Roundup names them. */
    private static List<Item.Coverage> knownPosts(List<Item.Coverage> claimed) {
        List<String> hashes = claimed.stream().filter(c -> c != null && c.url() != null).map(c -> CanonicalUrl.sha256(c.url())).toList();
        java.util.Map<String, Post> posts = new java.util.HashMap<>();
        Post.findByCanonicalHashes(hashes).forEach(p -> posts.put(p.canonicalUrl, p));
        return claimed.stream().filter(c -> c != null && posts.containsKey(c.url()))
                .map(c -> new Item.Coverage(Offers.sourceOf(posts.get(c.url())), c.url())).distinct().toList();
    }

    /** A post, project or job item is made from one that exists (a listing: one that is published); a link from none. */
    private static void requireSource(Item.Kind kind, Long refId) {
        if (kind == Item.Kind.LINK) {
            if (refId != null) {
                throw new Rejected("A link of the editor's own is not made from a post or listing.");
            }
            return;
        }
        boolean exists = refId != null && switch (kind) {
            case POST -> Post.findByIdOptional(refId).isPresent();
            case PROJECT -> Project.<Project>findByIdOptional(refId).filter(p -> p.status == ListingStatus.PUBLISHED).isPresent();
            case JOB -> Job.<Job>findByIdOptional(refId).filter(j -> j.status == ListingStatus.PUBLISHED).isPresent();
            case SUGGESTION -> Suggestion.<Suggestion>findByIdOptional(refId).filter(s -> s.status == SuggestionStatus.ACCEPTED).isPresent();
            default -> false;
        };
        if (!exists) {
            throw new Rejected("There is no published " + kind.name().toLowerCase() + " " + refId + " to put back.");
        }
    }

    /** The same post or listing, or for links of the editor's own the same address. */
    private static boolean sameThing(Item i, Item.Kind kind, Long refId, String url) {
        return i.kind == kind && (kind == Item.Kind.LINK ? i.url.equals(url) : refId.equals(i.refId));
    }

    /** Changes the address an item links to; the last link check no longer applies to it. */
    public long editItemUrl(long issueId, long version, long itemId, String url) {
        return curation.change(issueId, version, issue -> {
            Curation.leadTo(Curation.itemOf(issue, itemId), url);
        });
    }

    /** Moves a section to {@code position} (0 is the top); the others keep their order around it. */
    public long moveSection(long issueId, long version, long sectionId, int position) {
        return curation.change(issueId, version, issue -> {
            Section section = Curation.sectionOf(issue, sectionId);
            if (position < 0 || position >= issue.sections.size()) {
                throw new Rejected("A section's place is between 0 and " + (issue.sections.size() - 1) + ".");
            }
            List<Section> order = new ArrayList<>(issue.sections);
            order.remove(section);
            order.add(position, section);
            for (int i = 0; i < order.size(); i++) {
                order.get(i).position = i;
            }
        });
    }

    static void renumber(List<Item> items) {
        for (int p = 0; p < items.size(); p++) {
            items.get(p).position = p;
        }
    }
}
