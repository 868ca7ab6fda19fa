package dev.roundup.feeds;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Feed fetches by outcome on {@code /q/metrics} ({@code roundup_feed_fetches_total{outcome=...}}): new posts,
 * unchanged (a 304, the same body, nothing new), failed (an error, a timeout, too large, unparseable) or gone (410,
 * the feed is disabled). The only place the feeds feature talks to Micrometer.
 */
@ApplicationScoped
public class FeedMetrics {

    @Inject
    MeterRegistry registry;

    /** Counts one fetch and gives its outcome back, so a fetch ends in {@code return metrics.fetched(outcome)}. */
    FeedCollector.Outcome fetched(FeedCollector.Outcome outcome) {
        registry.counter("roundup.feed.fetches", "outcome", kind(outcome)).increment();
        return outcome;
    }

    static String kind(FeedCollector.Outcome outcome) {
        if (!outcome.ok()) {
            return outcome.status() == 410 ? "gone" : "failed";
        }
        return outcome.newPosts() > 0 ? "new_posts" : "unchanged";
    }
}
