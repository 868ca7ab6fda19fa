package dev.roundup.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * What an operator watches while issues go out, on the management port's {@code /q/metrics}: messages sent, failed
 * and retried per send ({@code issue} tag, for the {@value #ISSUES_KEPT} most recently started sends only, so the
 * series stay few; a send still running keeps its series however many started after it), hard bounces at the SMTP
 * stage (on the {@code roundup.bounces} meter, defined here by {@link #bounces}: the bounces feature counts the
 * bounce reports it reads on it too), the instance's send rate and the
 * deliveries still waiting. The only place the send engine talks to Micrometer; a worker holds its send's
 * {@link Counters} and only increments them.
 */
@ApplicationScoped
public class SendMetrics {

    /** Sends whose counters are kept; the least recently started send that is not running goes when another starts. */
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

    @Inject
    IssueSends sends;

    /** Whether a send is running: its series are never dropped then. */
    LongPredicate running;

    /** In start order: a send (re)started moves to the end. Guarded by {@code this}. */
    private final Map<Long, Counters> byIssue = new LinkedHashMap<>();
    private volatile double rate;
    private double lastTotal;
    private volatile long queueReadAt;
    private volatile long queue;

    @PostConstruct
    void register() {
        running = sends::isRunning;
        Gauge.builder("roundup.send.messages.per.second", this, m -> m.rate)
                .description("Messages this instance sent per second, over the last " + RATE_WINDOW.toSeconds() + " s").register(registry);
        Gauge.builder("roundup.deliveries.pending", this, SendMetrics::pending)
                .description("Deliveries of running sends still to try (pending or claimed), on every instance").register(registry);
    }

    /**
     * The counters of one send, registered on first use; each use (a worker of a started, resumed or retried send)
     * makes it the most recently started.
     */
    synchronized Counters of(long issueId) {
        Counters kept = byIssue.remove(issueId);
        if (kept == null) {
            forgetOldest();
            String issue = String.valueOf(issueId);
            kept = new Counters(counter("roundup.messages.sent", "Messages the SMTP server accepted (250)", issue),
                    counter("roundup.messages.failed", "Deliveries failed for good (an editor may retry them)", issue),
                    counter("roundup.messages.retried", "Deliveries put back to try again later (4xx, an outage, a busy relay)", issue),
                    bounces(registry, "hard", "smtp"));
        }
        byIssue.put(issueId, kept);
        return kept;
    }

    /** The sends whose series are kept, least recently started first. */
    synchronized List<Long> kept() {
        return List.copyOf(byIssue.keySet());
    }

    /**
     * The one definition of the {@code roundup.bounces} meter: readers refused for good, by {@code kind} (hard, soft)
     * and {@code source} ({@code smtp} while sending, {@code report} from the bounce mailbox).
     */
    public static Counter bounces(MeterRegistry registry, String kind, String source) {
        return Counter.builder("roundup.bounces").tag("kind", kind).tag("source", source)
                .description("Bounces: refused by the SMTP server while sending, or read from the bounce mailbox").register(registry);
    }

    private Counter counter(String name, String description, String issue) {
        return Counter.builder(name).tag("issue", issue).description(description).register(registry);
    }

    /** Makes room for one more send: drops the least recently started sends that are not running. */
    private void forgetOldest() {
        Iterator<Map.Entry<Long, Counters>> oldestFirst = byIssue.entrySet().iterator();
        while (byIssue.size() >= ISSUES_KEPT && oldestFirst.hasNext()) {
            Map.Entry<Long, Counters> send = oldestFirst.next();
            if (!running.test(send.getKey())) {
                oldestFirst.remove();
                Counters gone = send.getValue();
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
