package dev.roundup.listings;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** A project or job appearing in an issue of the newsletter, so the editor sees "already featured in #12". */
@Entity
@Table(name = "listing_feature")
public class ListingFeature extends PanacheEntity {

    public static final String PROJECT = "project";
    public static final String JOB = "job";

    @Column(nullable = false, length = 10)
    public String kind;

    @Column(name = "listing_id", nullable = false)
    public long listingId;

    @Column(name = "issue_id", nullable = false)
    public long issueId;

    @Column(name = "issue_number", nullable = false)
    public int issueNumber;

    @Column(name = "featured_at", nullable = false)
    public Instant featuredAt;

    /**
     * Records that an issue featured a listing ({@link #PROJECT} or {@link #JOB}), when the issue's send starts. The
     * listings' one way to write this table: the issue's curation asks here rather than writing the row itself.
     */
    public static void record(String kind, long listingId, long issueId, int issueNumber, Instant featuredAt) {
        ListingFeature f = new ListingFeature();
        f.kind = kind;
        f.listingId = listingId;
        f.issueId = issueId;
        f.issueNumber = issueNumber;
        f.featuredAt = featuredAt;
        f.persist();
    }

    /** For each listing id of a kind, the issue numbers that featured it, in order. */
    public static Map<Long, List<Integer>> issuesFor(String kind, Collection<Long> ids) {
        Map<Long, List<Integer>> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        for (ListingFeature f : ListingFeature.<ListingFeature>list("kind = ?1 and listingId in ?2 order by issueNumber", kind, ids)) {
            result.computeIfAbsent(f.listingId, k -> new java.util.ArrayList<>()).add(f.issueNumber);
        }
        return result;
    }
}
