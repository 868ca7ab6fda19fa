package dev.roundup.feeds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Brings feeds up to date: fetches each due feed, parses it and stores its new posts, with at most
 * {@code roundup.feeds.concurrency} feeds at once. Each feed is its own unit of work: whatever one feed does
 * (time out, send a gigabyte, send HTML) ends up in that feed's health and nowhere else.
 */
@ApplicationScoped
public class FeedCollector {

    private static final Logger LOG = Logger.getLogger(FeedCollector.class);

    @Inject
    Fetcher fetcher;

    @Inject
    FeedParser parser;

    @Inject
    PostStore store;

    @Inject
    FeedsConfig config;

    @Inject
    FeedBodies bodies;

    @Inject
    FeedMetrics metrics;

    private final AtomicInteger threads = new AtomicInteger();
    private volatile ExecutorService pool;

    /** What one fetch of one feed came to. */
    public record Outcome(long feedId, boolean ok, int status, int newPosts, String error) {
    }

    @Scheduled(every = "{roundup.feeds.check-every}", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void collectDue() {
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> Feed.dueIds(Instant.now()));
        if (!due.isEmpty()) {
            List<Outcome> outcomes = collect(due);
            long failed = outcomes.stream().filter(o -> !o.ok()).count();
            LOG.infof("Fetched %d due feeds: %d new posts, %d failed", outcomes.size(),
                    outcomes.stream().mapToInt(Outcome::newPosts).sum(), failed);
        }
    }

    /** Fetches these feeds, {@code concurrency} at a time, and waits for all of them. */
    public List<Outcome> collect(List<Long> feedIds) {
        List<Future<Outcome>> futures = new ArrayList<>();
        for (Long id : feedIds) {
            futures.add(pool().submit(() -> collect(id)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                outcomes.add(futures.get(i).get());
            } catch (Exception e) {
                outcomes.add(new Outcome(feedIds.get(i), false, 0, 0, String.valueOf(e.getMessage())));
            }
        }
        return outcomes;
    }

    /** Starts fetching these feeds in the background (after an OPML import, say). */
    public void collectLater(List<Long> feedIds) {
        feedIds.forEach(id -> pool().submit(() -> collect(id)));
    }

    /** Fetches one feed now and records how it went. */
    public Outcome collect(long feedId) {
        Feed snapshot = QuarkusTransaction.requiringNew().call(() -> Feed.findById(feedId));
        if (snapshot == null) {
            return new Outcome(feedId, false, 0, 0, "no such feed");
        }
        try (FeedBodies.Place place = bodies.take(null)) {
            Fetched fetched = fetcher.get(snapshot.url, snapshot.etag, snapshot.lastModified);
            return apply(feedId, fetched, snapshot.bodyHash);
        } catch (FetchFailure failure) {
            return metrics.fetched(recordFailure(feedId, failure));
        }
    }

    /** Records what a fetch brought: new posts, a move, a 304, or an error status; counted in the metrics. */
    Outcome apply(long feedId, Fetched fetched, String previousBodyHash) {
        return metrics.fetched(record(feedId, fetched, previousBodyHash));
    }

    private Outcome record(long feedId, Fetched fetched, String previousBodyHash) {
        Instant now = Instant.now();
        if (fetched.status() == 410) {
            return QuarkusTransaction.requiringNew().call(() -> {
                Feed feed = Feed.findById(feedId);
                feed.disable(now, 410, "the server says this feed is gone for good (HTTP 410); fetching stopped");
                return new Outcome(feedId, false, 410, 0, feed.lastError);
            });
        }
        if (!fetched.ok() && !fetched.notModified()) {
            return recordFailure(feedId, new FetchFailure(describe(fetched.status()), fetched.status(), fetched.retryAfter()));
        }
        String bodyHash = fetched.notModified() ? null : CanonicalUrl.sha256(fetched.body());
        FeedParser.ParsedFeed parsed = null;
        if (!fetched.notModified() && !bodyHash.equals(previousBodyHash)) {
            try {
                parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
            } catch (FetchFailure failure) {
                return recordFailure(feedId, new FetchFailure(failure.getMessage(), fetched.status(), null));
            }
        }
        FeedParser.ParsedFeed result = parsed;
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> store(feedId, fetched, bodyHash, result, now));
            } catch (RuntimeException conflict) {
                // another feed stored the same post at the same moment: the second attempt finds it and adds a source
                if (attempt == 2) {
                    return recordFailure(feedId, new FetchFailure("could not store posts: " + conflict.getMessage()));
                }
            }
        }
    }

    private Outcome store(long feedId, Fetched fetched, String bodyHash, FeedParser.ParsedFeed parsed, Instant now) {
        Feed feed = Feed.findById(feedId);
        if (fetched.movedPermanentlyTo() != null && fetched.movedPermanentlyTo().length() <= Feeds.MAX_URL
                && Feed.findByUrl(fetched.movedPermanentlyTo()).isEmpty()) {
            feed.url = fetched.movedPermanentlyTo();
        }
        if (fetched.etag() != null || fetched.lastModified() != null || !fetched.notModified()) {
            feed.etag = fetched.etag();
            feed.lastModified = fetched.lastModified();
        }
        int newPosts = 0;
        int skipped = 0;
        if (parsed != null) {
            if (feed.title == null && parsed.title() != null) {
                feed.title = parsed.title().length() > 300 ? parsed.title().substring(0, 300) : parsed.title();
            }
            if (feed.siteUrl == null && parsed.siteUrl() != null && parsed.siteUrl().length() <= 2000) {
                feed.siteUrl = parsed.siteUrl();
            }
            newPosts = store.store(feed, parsed.entries(), now); // at most max-entries-per-fetch: FeedParser cut the rest
            skipped += parsed.skipped();
        }
        if (bodyHash != null) {
            feed.bodyHash = bodyHash;
        }
        feed.recordSuccess(now, fetched.status(), newPosts, skipped, config.fetchInterval());
        return new Outcome(feedId, true, fetched.status(), newPosts, null);
    }

    private Outcome recordFailure(long feedId, FetchFailure failure) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Feed feed = Feed.findById(feedId);
            if (feed == null) {
                return new Outcome(feedId, false, 0, 0, failure.getMessage());
            }
            feed.recordFailure(Instant.now(), failure.status(), failure.getMessage(), config.fetchInterval(),
                    config.maxBackoff(), failure.retryAfter());
            return new Outcome(feedId, false, failure.status() == null ? 0 : failure.status(), 0, failure.getMessage());
        });
    }

    static String describe(int status) {
        return switch (status) {
            case 401, 403 -> "the server refuses access (HTTP " + status + ")";
            case 404 -> "not found (HTTP 404): the feed has moved or was removed";
            case 429 -> "too many requests (HTTP 429): the server asked us to slow down";
            case 500, 502, 504 -> "the server had an error (HTTP " + status + ")";
            case 503 -> "the server is unavailable (HTTP 503)";
            default -> "unexpected answer: HTTP " + status;
        };
    }

    private ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
                        Thread t = new Thread(r, "feed-fetch-" + threads.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                }
                p = pool;
            }
        }
        return p;
    }

    @PreDestroy
    void shutdown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
