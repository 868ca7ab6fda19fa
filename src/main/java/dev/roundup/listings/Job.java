package dev.roundup.listings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A job offer for the newsletter's Jobs section. Open from approval until it expires. */
@Entity
@Table(name = "job")
public class Job extends Listing {

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

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Override
    public ListingKind kind() {
        return ListingKind.JOB;
    }

    @Override
    String submitterEmail() {
        return contactEmail;
    }

    @Override
    String submitterName() {
        return company;
    }

    @Override
    String title() {
        return title + " at " + company;
    }

    @Override
    String keyLink() {
        return applyUrl;
    }

    @Override
    String keyTitle() {
        return title + "\n" + company;
    }

    /** An approved job is open for {@code job-lifetime} from its approval, or again from now once it expired. */
    @Override
    void approved(Instant now, ListingsConfig config) {
        super.approved(now, config);
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            expiresAt = now.plus(config.jobLifetime());
        }
    }

    @Override
    LocalDate openUntil(ZoneId zone) {
        return expiresAt == null ? null : expiresAt.minusSeconds(1).atZone(zone).toLocalDate();
    }

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
