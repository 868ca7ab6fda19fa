package dev.roundup.feeds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * A blog feed Roundup collects posts from, with its health: when it was last fetched, how that went, and when
 * it will be fetched next. The rules for backing off a failing feed live here.
 */
@Entity
@Table(name = "feed")
public class Feed extends PanacheEntity {

    @Column(nullable = false, length = 2000)
    public String url;

    @Column(name = "site_url", length = 2000)
    public String siteUrl;

    @Column(length = 300)
    public String title;

    @Column(length = 2000)
    public String notes;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "disabled_reason", length = 500)
    public String disabledReason;

    @Column(length = 500)
    public String etag;

    @Column(name = "last_modified", length = 100)
    public String lastModified;

    @Column(name = "body_hash", length = 64)
    public String bodyHash;

    @Column(name = "last_fetch_at")
    public Instant lastFetchAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_status")
    public Integer lastStatus;

    @Column(name = "last_new_posts", nullable = false)
    public int lastNewPosts;

    @Column(name = "last_skipped_entries", nullable = false)
    public int lastSkippedEntries;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "last_error", length = 1000)
    public String lastError;

    @Column(name = "next_fetch_at", nullable = false)
    public Instant nextFetchAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<Feed> findByUrl(String url) {
        return find("url", url).firstResultOptional();
    }

    public static List<Feed> listForEditor() {
        return list("order by lower(coalesce(title, url))");
    }

    /** Enabled feeds whose last fetches failed, the longest-failing first (the status page). */
    public static List<Feed> failing() {
        return list("enabled = true and consecutiveFailures > 0 order by consecutiveFailures desc, id");
    }

    /** Ids of enabled feeds whose next fetch is due. */
    public static List<Long> dueIds(Instant now) {
        return find("enabled = true and nextFetchAt <= ?1 order by nextFetchAt", now).project(IdOnly.class).list()
                .stream().map(IdOnly::id).toList();
    }

    /** Projection for {@link #dueIds}. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record IdOnly(Long id) {
    }

    /** The name to show for this feed: its title, or its address until it has one. */
    public String displayName() {
        return title == null || title.isBlank() ? url : title;
    }

    /** A fetch that worked (new content, unchanged content, or 304). */
    void recordSuccess(Instant now, int status, int newPosts, int skippedEntries, Duration interval) {
        lastFetchAt = now;
        lastSuccessAt = now;
        lastStatus = status;
        lastNewPosts = newPosts;
        lastSkippedEntries = skippedEntries;
        consecutiveFailures = 0;
        lastError = null;
        nextFetchAt = now.plus(interval);
    }

    /** A fetch that failed: waits twice as long after each failure in a row, up to {@code maxBackoff}. */
    void recordFailure(Instant now, Integer status, String error, Duration interval, Duration maxBackoff, Duration retryAfter) {
        lastFetchAt = now;
        lastStatus = status;
        lastNewPosts = 0;
        consecutiveFailures++;
        lastError = error.length() > 1000 ? error.substring(0, 1000) : error;
        Duration wait = interval.multipliedBy(1L << Math.min(consecutiveFailures - 1, 16));
        if (wait.compareTo(maxBackoff) > 0) {
            wait = maxBackoff;
        }
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
        }
        nextFetchAt = now.plus(wait);
    }

    /** The server said the feed is gone for good: stop fetching it. */
    void disable(Instant now, int status, String reason) {
        recordFailure(now, status, reason, Duration.ZERO, Duration.ZERO, null);
        enabled = false;
        disabledReason = reason;
    }

    /** One word for the feed's state: ok, failing, disabled or new. */
    public String health() {
        if (!enabled) {
            return "disabled";
        }
        if (consecutiveFailures > 0) {
            return "failing";
        }
        return lastFetchAt == null ? "new" : "ok";
    }
}
