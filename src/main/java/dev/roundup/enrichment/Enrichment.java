package dev.roundup.enrichment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import dev.roundup.feeds.CanonicalUrl;
import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * What Roundup learnt about one linked page: its image (as a thumbnail of our own), site name, author and reading
 * time; or why it could not learn it. One row per URL, shared by the posts, suggestions and items that link there.
 */
@Entity
@Table(name = "link_enrichment")
public class Enrichment extends PanacheEntity {

    /** Where a link's enrichment stands. */
    public enum Status {
        /** Asked for, not tried yet (or to be tried again). */
        PENDING,
        /** The page was read; any of its facts may still be missing. */
        DONE,
        /** The page could not be read; {@link #failure} says why. */
        FAILED
    }

    @Column(nullable = false, length = 2000)
    public String url;

    /** SHA-256 of the URL: unique, and short enough to index. */
    @Column(name = "url_key", nullable = false, length = 64)
    public String urlKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Status status;

    @Column(length = 300)
    public String failure;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "site_name", length = 300)
    public String siteName;

    @Column(length = 300)
    public String author;

    @Column(name = "reading_minutes")
    public Integer readingMinutes;

    /** The page's og:image, as the page gave it; Roundup never links to it, it only fetched it once. */
    @Column(name = "image_url", length = 2000)
    public String imageUrl;

    /** The thumbnail made of that image, or null when there was none or it was refused. */
    @Column(name = "thumbnail_id", length = 64)
    public String thumbnailId;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "tried_at")
    public Instant triedAt;

    static String key(String url) {
        return CanonicalUrl.sha256(url);
    }

    static Optional<Enrichment> forUrl(String url) {
        return find("urlKey", key(url)).firstResultOptional();
    }

    static List<Enrichment> forUrls(Collection<String> urls) {
        return urls.isEmpty() ? List.of() : list("urlKey in ?1", urls.stream().map(Enrichment::key).distinct().toList());
    }

    /** Links due: never tried, or failed long enough ago and not too often. */
    static List<Enrichment> due(Instant failedBefore, int maxAttempts, int limit) {
        return find("status = ?1 or (status = ?2 and attempts < ?3 and triedAt < ?4) order by requestedAt, id", Status.PENDING,
                Status.FAILED, maxAttempts, failedBefore).page(0, limit).list();
    }

    /** A thumbnail already made from this image for another page: the image is fetched once. */
    static Optional<String> thumbnailOf(String imageUrl) {
        return find("imageUrl = ?1 and thumbnailId is not null", imageUrl).<Enrichment>firstResultOptional().map(e -> e.thumbnailId);
    }
}
