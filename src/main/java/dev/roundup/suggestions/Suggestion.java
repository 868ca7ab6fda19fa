package dev.roundup.suggestions;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.panache.common.Page;

/**
 * A link a reader suggested through the public form, with an optional note and, for the credit and the outcome mail,
 * an optional name and address. Kept by its canonical URL (the feeds' rule), so duplicates are recognised.
 */
@Entity
@Table(name = "link_suggestion")
public class Suggestion extends PanacheEntity {

    @Column(nullable = false, length = 2000)
    public String url;

    @Column(name = "canonical_url", nullable = false, length = 2000)
    public String canonicalUrl;

    @Column(name = "canonical_hash", nullable = false, length = 64)
    public String canonicalHash;

    /** The title the editor gave it when accepting; the item's title in the draft (the address when none). */
    @Column(length = 300)
    public String title;

    @Column(length = 1000)
    public String note;

    @Column(name = "suggester_name", length = 100)
    public String suggesterName;

    @Column(name = "suggester_email", length = 320)
    public String suggesterEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public SuggestionStatus status = SuggestionStatus.PENDING;

    @Column(name = "decline_reason", length = 500)
    public String declineReason;

    /** Set while a copy of the same form would be a duplicate (see listings' {@code SubmissionKey}); unique. */
    @Column(name = "submission_key", length = 64)
    public String submissionKey;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** "suggested by Ada", or by a reader when no name was left: the credit beside the item. */
    public String credit() {
        return "suggested by " + (suggesterName == null ? "a reader" : suggesterName);
    }

    /** What the draft shows as its title: the editor's, else the address. */
    public String headline() {
        return title == null || title.isBlank() ? url : title;
    }

    /** Accepted links decided before {@code cutoff}, oldest first, leaving out {@code excludedIds} (already featured). */
    public static List<Suggestion> offerable(Instant cutoff, Collection<Long> excludedIds, int limit) {
        return find("status = ?1 and decidedAt < ?2 and id not in ?3 order by decidedAt, id", SuggestionStatus.ACCEPTED, cutoff,
                excludedIds.isEmpty() ? List.of(-1L) : excludedIds).page(Page.ofSize(limit)).list();
    }
}
