package dev.roundup.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * What an operator watches while issues go out, on the management port's {@code /q/metrics}: messages sent, failed
 * and retried per send ({@code issue} tag, for the {@value #ISSUES_KEPT} most recent sends only, so the series stay
 * few), hard bounces at the SMTP stage, the instance's send rate and the deliveries still waiting. The only place
 * the send engine talks to Micrometer; a worker holds its send's {@link Counters} and only increments them.
 */
@ApplicationScoped
public class SendMetrics {

    /** Sends whose counters are kept; an older send's series go when a newer one starts. */
    static final int ISSUES_KEPT = 10;
    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);
    private static final Duration QUEUE_CACHED = Duration.ofSeconds(5);

    /** One send's counters. */
    record Counters(Counter sent, Counter failed, Counter retried, Counter bounced) {
    }

    @Inject
    MeterRegistry registry;

    @Inject
    Jdbc jdbc;

    private final ConcurrentSkipListMap<Long, Counters> byIssue = new ConcurrentSkipListMap<>();
    private volatile double rate;
    private double lastTotal;
    private volatile long queueReadAt;
    private volatile long queue;

    @PostConstruct
    void register() {
        Gauge.builder("roundup.send.messages.per.second", this, m -> m.rate)
                .description("Messages this instance sent per second, over the last " + RATE_WINDOW.toSeconds() + " s").register(registry);
        Gauge.builder("roundup.deliveries.pending", this, SendMetrics::pending)
                .description("Deliveries of running sends still to try (pending or claimed), on every instance").register(registry);
    }

    /** The counters of one send, registered on first use. */
    Counters of(long issueId) {
        return byIssue.computeIfAbsent(issueId, id -> {
            forgetOldest();
            String issue = String.valueOf(id);
            return new Counters(counter("roundup.messages.sent", "Messages the SMTP server accepted (250)", issue),
                    counter("roundup.messages.failed", "Deliveries failed for good (an editor may retry them)", issue),
                    counter("roundup.messages.retried", "Deliveries put back to try again later (4xx, an outage, a busy relay)", issue),
                    Counter.builder("roundup.bounces").tag("kind", "hard").tag("source", "smtp")
                            .description("Bounces: refused by the SMTP server while sending, or read from the bounce mailbox").register(registry));
        });
    }

    private Counter counter(String name, String description, String issue) {
        return Counter.builder(name).tag("issue", issue).description(description).register(registry);
    }

    private void forgetOldest() {
        while (byIssue.size() >= ISSUES_KEPT) {
            Long oldest = byIssue.firstKey();
            Counters gone = byIssue.remove(oldest);
            if (gone != null) {
                List.of(gone.sent(), gone.failed(), gone.retried()).forEach(registry::remove);
            }
        }
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void sampleRate() {
        double total = byIssue.values().stream().mapToDouble(c -> c.sent().count()).sum();
        rate = Math.max(0, total - lastTotal) / RATE_WINDOW.toSeconds();
        lastTotal = total;
    }

    /** Read at most every few seconds, however often Prometheus asks: it is a count over the running sends. */
    private double pending() {
        long now = System.nanoTime();
        if (now - queueReadAt > QUEUE_CACHED.toNanos()) {
            queue = jdbc.inTransaction(c -> {
                try (PreparedStatement count = c.prepareStatement("select count(*) from delivery d join issue_send s on s.issue_id = d.issue_id "
                        + "where s.state = ? and d.status in ('PENDING', 'CLAIMED')")) {
                    count.setString(1, SendState.RUNNING.label());
                    try (ResultSet row = count.executeQuery()) {
                        return row.next() ? row.getLong(1) : 0L;
                    }
                }
            });
            queueReadAt = now;
        }
        return queue;
    }
}
