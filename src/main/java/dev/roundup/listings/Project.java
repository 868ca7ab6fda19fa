package dev.roundup.listings;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** Something a community member built, submitted for the newsletter's Projects section. The maker's email is never shown. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntity {

    @Column(nullable = false, length = 100)
    public String name;

    @Column(nullable = false, length = 2000)
    public String url;

    /** Plain text; line breaks are kept when shown. */
    @Column(nullable = false, length = 600)
    public String description;

    @Column(name = "repo_url", length = 2000)
    public String repoUrl;

    @Column(name = "image_url", length = 2000)
    public String imageUrl;

    @Column(name = "maker_name", nullable = false, length = 100)
    public String makerName;

    @Column(name = "maker_email", nullable = false, length = 320)
    public String makerEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public ListingStatus status = ListingStatus.PENDING;

    @Column(name = "reject_reason", length = 500)
    public String rejectReason;

    /** Sponsored or featured: shown first and marked. */
    @Column(nullable = false)
    public boolean featured;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Who sent what, while a second copy of the same form would be a duplicate ({@link SubmissionKey}); else null. */
    @Column(name = "submission_key", length = 64, unique = true)
    public String submissionKey;

    /**
     * For a draft: published projects approved before {@code approvedBefore} (the draft's send, or now), leaving out
     * {@code excludedIds} (those an issue already featured), paid features first, then newest.
     */
    public static List<Project> offerable(Instant approvedBefore, java.util.Collection<Long> excludedIds, int limit) {
        return find("status = ?1 and approvedAt < ?2 and id not in ?3 order by featured desc, approvedAt desc, id desc",
                ListingStatus.PUBLISHED, approvedBefore, excludedIds.isEmpty() ? List.of(-1L) : excludedIds)
                .page(io.quarkus.panache.common.Page.ofSize(limit)).list();
    }
}
