package dev.roundup.listings;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** A job offer for the newsletter's Jobs section. Open from approval until it expires. */
@Entity
@Table(name = "job")
public class Job extends PanacheEntity {

    @Column(nullable = false, length = 120)
    public String title;

    @Column(nullable = false, length = 120)
    public String company;

    /** A place, or "Remote". */
    @Column(nullable = false, length = 120)
    public String location;

    @Column(name = "apply_url", nullable = false, length = 2000)
    public String applyUrl;

    /** Plain text; line breaks are kept when shown. */
    @Column(nullable = false, length = 2000)
    public String description;

    @Column(length = 120)
    public String salary;

    @Column(name = "contact_email", nullable = false, length = 320)
    public String contactEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public ListingStatus status = ListingStatus.PENDING;

    @Column(name = "reject_reason", length = 500)
    public String rejectReason;

    /** A featured (paid) job: shown first with a star. */
    @Column(nullable = false)
    public boolean featured;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Who sent what, while a second copy of the same form would be a duplicate ({@link SubmissionKey}); else null. */
    @Column(name = "submission_key", length = 64, unique = true)
    public String submissionKey;

    /** Whether the job is published and not expired at {@code now}. */
    public boolean isOpen(Instant now) {
        return status == ListingStatus.PUBLISHED && expiresAt != null && expiresAt.isAfter(now);
    }

    /** Jobs approved in [from, to) and still open at {@code now}: the candidates for an issue's Jobs section. */
    public static List<Job> postedBetween(Instant from, Instant to, Instant now) {
        return list("status = ?1 and approvedAt >= ?2 and approvedAt < ?3 and expiresAt > ?4 order by featured desc, approvedAt desc",
                ListingStatus.PUBLISHED, from, to, now);
    }

    /** For a draft: as {@link Project#offerable}, for jobs still open at {@code openAt}. */
    public static List<Job> offerable(Instant approvedBefore, Instant openAt, java.util.Collection<Long> excludedIds, int limit) {
        return find("status = ?1 and approvedAt < ?2 and expiresAt > ?3 and id not in ?4 order by featured desc, approvedAt desc, id desc",
                ListingStatus.PUBLISHED, approvedBefore, openAt, excludedIds.isEmpty() ? List.of(-1L) : excludedIds)
                .page(io.quarkus.panache.common.Page.ofSize(limit)).list();
    }
}
