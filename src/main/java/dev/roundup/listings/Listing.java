package dev.roundup.listings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * What every kind of listing has, whatever it lists: its standing in moderation, whether it is featured, when it was
 * sent, approved and changed, and the key that makes a form sent twice one listing. Each {@link ListingKind} keeps its
 * own table with these columns; a kind adds only the fields where it differs, and says who sent it and what to call it.
 */
@MappedSuperclass
public abstract class Listing extends PanacheEntity {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public ListingStatus status = ListingStatus.PENDING;

    @Column(name = "reject_reason", length = 500)
    public String rejectReason;

    /** Sponsored or featured (paid): shown first and marked. */
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

    /** Which kind of listing this is. */
    public abstract ListingKind kind();

    /** The address of whoever sent it in: for the receipt and the decision mail, never shown. */
    abstract String submitterEmail();

    /** The name those mails greet. */
    abstract String submitterName();

    /** What the mails call it, e.g. "Widget" or "Engineer at ACME". */
    abstract String title();

    /** The link and title that, with the kind and the submitter, make two submissions one ({@link SubmissionKey}). */
    String submissionKeyOf() {
        return SubmissionKey.of(kind().word, submitterEmail(), keyLink(), keyTitle());
    }

    abstract String keyLink();

    abstract String keyTitle();

    /** What an approval does beyond publishing: stamps the first approval; a kind may add to it. */
    void approved(Instant now, ListingsConfig config) {
        if (approvedAt == null) {
            approvedAt = now;
        }
    }

    /** The last day it is shown, for the decision mail, or null when it does not expire. */
    LocalDate openUntil(ZoneId zone) {
        return null;
    }
}
