package dev.roundup.enrichment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.feeds.Post;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The scheduled pass: asks for the recent posts that have no enrichment yet, then enriches at most {@code batch}
 * due links, one after another, on the scheduler's worker thread (never an editor's request). A pass still running
 * when the next is due is not started twice.
 */
@ApplicationScoped
public class EnrichmentPass {

    private static final Logger LOG = Logger.getLogger(EnrichmentPass.class);

    @Inject
    EnrichmentConfig config;

    @Inject
    Enrichments enrichments;

    @Inject
    LinkEnricher enricher;

    @Scheduled(every = "{roundup.enrichment.every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int done = run();
        if (done > 0) {
            LOG.infof("Enriched %d links", done);
        }
    }

    /** One pass; returns how many links it tried. */
    public int run() {
        Instant since = Instant.now().minus(config.postDays(), ChronoUnit.DAYS);
        List<String> posts = QuarkusTransaction.requiringNew().call(() -> Post.urlsPublishedSince(since));
        int asked = 0;
        for (int from = 0; from < posts.size() && asked < config.batch(); from += 500) {
            List<String> chunk = posts.subList(from, Math.min(posts.size(), from + 500));
            java.util.Set<String> known = QuarkusTransaction.requiringNew().call(() -> Enrichments.cards(chunk).keySet());
            for (String url : chunk) {
                if (!known.contains(url) && asked < config.batch()) {
                    enrichments.request(url);
                    asked++;
                }
            }
        }

        Instant failedBefore = Instant.now().minus(config.retryAfter());
        List<Enrichment> due = QuarkusTransaction.requiringNew().call(() -> Enrichment.due(failedBefore, config.maxAttempts(), config.batch()));
        due.forEach(e -> enricher.enrich(e.id, e.attempts));
        return due.size();
    }
}
