package dev.roundup.roundup;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.feeds.FeedsConfig;
import dev.roundup.feeds.FetchFailure;
import dev.roundup.feeds.Fetcher;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The dead-link check before sending: every included item's link, HEAD then GET, with the same guard and deadline
 * as feeds, several at once. Broken links are flagged on the issue page; they do not stop anything by themselves.
 */
@ApplicationScoped
public class LinkCheck {

    @Inject
    Fetcher fetcher;

    @Inject
    FeedsConfig feeds;

    /** How a check went: links checked and links broken. */
    public record Result(int checked, int broken) {
    }

    public Result check(long issueId) {
        Map<Long, String> urls = QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, String> m = new HashMap<>();
            Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> new Curation.Rejected("No such issue."))
                    .includedItems().forEach(i -> m.put(i.id, i.url));
            return m;
        });
        Map<String, Future<String>> byUrl = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, feeds.concurrency()));
        try {
            for (String url : urls.values()) {
                byUrl.computeIfAbsent(url, u -> pool.submit(() -> verdict(u)));
            }
            Map<Long, String> verdicts = new HashMap<>();
            for (Map.Entry<Long, String> e : urls.entrySet()) {
                verdicts.put(e.getKey(), byUrl.get(e.getValue()).get());
            }
            Instant now = Instant.now();
            QuarkusTransaction.requiringNew().run(() -> Item.<Item>list("id in ?1", List.copyOf(verdicts.keySet())).forEach(i -> {
                i.linkStatus = verdicts.get(i.id);
                i.checkedAt = now;
            }));
            return new Result(verdicts.size(), (int) verdicts.values().stream().filter(v -> !v.equals("ok")).count());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private String verdict(String url) {
        if (url != null && url.regionMatches(true, 0, "mailto:", 0, 7)) {
            return "ok"; // a job's "apply by email": an address, not a page to fetch
        }
        try {
            int status = fetcher.check(url);
            return status >= 200 && status < 400 ? "ok" : "HTTP " + status;
        } catch (FetchFailure failure) {
            String m = failure.getMessage();
            return m.length() > 200 ? m.substring(0, 200) : m;
        }
    }
}
