package dev.roundup.feeds;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * A blog post, once however many feeds carry it: feeds are matched by canonical URL, and each feed that carried
 * the post is a {@link PostSource}. Its content is sanitized before it is stored.
 */
@Entity
@Table(name = "post")
public class Post extends PanacheEntity {

    @Column(name = "canonical_url", nullable = false, length = 2000)
    public String canonicalUrl;

    @Column(name = "canonical_hash", nullable = false, length = 64)
    public String canonicalHash;

    /** The blog's name when the post was first seen; kept when the feed is deleted but its posts kept. */
    @Column(name = "blog_name", length = 300)
    public String blogName;

    @Column(nullable = false, length = 1000)
    public String title;

    @Column(length = 300)
    public String author;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    /** Sanitized HTML: safe to put in a page or an email as it is. */
    @Column(name = "content_html", length = 200000)
    public String contentHtml;

    /** Plain text, about sixty words. */
    @Column(length = 2000)
    public String excerpt;

    /** How many feeds carried this post; cross-posted posts rank first in a draft. */
    @Column(name = "source_count", nullable = false)
    public int sourceCount;

    /** The addresses of posts published since {@code since}, newest first (for enriching their pages). */
    public static List<String> urlsPublishedSince(Instant since) {
        return getEntityManager().createQuery("select p.canonicalUrl from Post p where p.publishedAt >= ?1 order by p.publishedAt desc",
                String.class).setParameter(1, since).getResultList();
    }

    /**
     * Posts published in [from, to), best first for a newsletter: carried by more feeds first, then newest;
     * leaving out {@code excludedIds} (posts an earlier issue already featured).
     */
    public static List<Post> rankedBetween(Instant from, Instant to, Collection<Long> excludedIds, int limit) {
        String where = "publishedAt >= ?1 and publishedAt < ?2" + (excludedIds.isEmpty() ? "" : " and id not in ?3");
        io.quarkus.hibernate.orm.panache.PanacheQuery<Post> query = excludedIds.isEmpty()
                ? find(where + " order by sourceCount desc, publishedAt desc, id desc", from, to)
                : find(where + " order by sourceCount desc, publishedAt desc, id desc", from, to, excludedIds);
        return query.page(io.quarkus.panache.common.Page.ofSize(limit)).list();
    }

    public static List<Post> findByCanonicalHashes(Collection<String> hashes) {
        return hashes.isEmpty() ? List.of() : list("canonicalHash in ?1", hashes);
    }
}
