package dev.roundup.feeds;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** One feed's entry for a post. The entry key (hashed guid, else link, else title and content) dedups within the feed. */
@Entity
@Table(name = "post_source")
public class PostSource extends PanacheEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id")
    public Post post;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "feed_id")
    public Feed feed;

    @Column(name = "entry_key", nullable = false, length = 64)
    public String entryKey;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    /** Which of these entry keys this feed has already delivered. */
    public static List<String> knownKeys(Feed feed, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery(
                "select s.entryKey from PostSource s where s.feed = ?1 and s.entryKey in ?2", String.class)
                .setParameter(1, feed).setParameter(2, keys).getResultList();
    }
}
