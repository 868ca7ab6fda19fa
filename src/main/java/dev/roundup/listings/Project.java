package dev.roundup.listings;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Something a community member built, submitted for the newsletter's Projects section. The maker's email is never shown. */
@Entity
@Table(name = "project")
public class Project extends Listing {

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

    @Override
    public ListingKind kind() {
        return ListingKind.PROJECT;
    }

    @Override
    String submitterEmail() {
        return makerEmail;
    }

    @Override
    String submitterName() {
        return makerName;
    }

    @Override
    String title() {
        return name;
    }

    @Override
    String keyLink() {
        return url;
    }

    @Override
    String keyTitle() {
        return name;
    }

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
