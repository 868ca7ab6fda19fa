package dev.roundup.clicks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Holds each GET of a click link in memory for {@link ClicksConfig#burstWindow()}, then lets {@link ScannerRule}
 * judge it with the GETs around it, and adds what counts to {@link ClickCounts}. Only the network (a /24 or /48) is
 * held, and only for seconds; each instance judges the GETs it heard.
 */
@ApplicationScoped
public class ClickTally {

    private static final Logger LOG = Logger.getLogger(ClickTally.class);

    /** More GETs than this waiting at once are not held (and not counted): a flood must not fill the memory. */
    static final int MAX_HELD = 50_000;

    @Inject
    ClicksConfig config;

    @Inject
    ClickCounts counts;

    @Inject
    Delivered delivered;

    private ScannerRule rule;
    /** GETs not yet judged, oldest first; and those judged but still near enough to judge the next. */
    private final List<Heard> waiting = new ArrayList<>();
    private final List<Heard> judged = new ArrayList<>();

    @PostConstruct
    void init() {
        rule = new ScannerRule(config.burst(), config.burstWindow(), config.afterDelivery());
    }

    /** A GET of a link of the issue, from this client address (kept as its network only). */
    void heard(long issueId, String link, String clientAddress) {
        Heard h = new Heard(issueId, link, ScannerRule.network(clientAddress), Instant.now());
        synchronized (this) {
            if (waiting.size() < MAX_HELD) {
                waiting.add(h);
            }
        }
    }

    /** Judges the GETs held long enough and adds those that count. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void settle() {
        Instant now = Instant.now();
        Instant ripe = now.minus(config.burstWindow());
        List<Heard> due = new ArrayList<>();
        List<Heard> around;
        synchronized (this) {
            while (!waiting.isEmpty() && !waiting.get(0).at().isAfter(ripe)) {
                due.add(waiting.remove(0));
            }
            if (due.isEmpty()) {
                return;
            }
            judged.removeIf(h -> h.at().isBefore(ripe.minus(config.burstWindow())));
            around = new ArrayList<>(judged);
            around.addAll(due);
            around.addAll(waiting);
            judged.addAll(due);
        }
        Map<Long, Optional<Instant>> deliveredAt = new HashMap<>();
        Map<List<Object>, Long> counted = new HashMap<>();
        for (Heard h : due) {
            if (rule.counts(h, around, deliveredAt.computeIfAbsent(h.issueId(), delivered::lastDelivered))) {
                counted.merge(List.of(h.issueId(), h.link()), 1L, Long::sum);
            }
        }
        counted.forEach((key, n) -> {
            try {
                counts.add((Long) key.get(0), (String) key.get(1), n);
            } catch (RuntimeException e) {
                LOG.warnf("Could not add %d click(s) of issue %s: %s", n, key.get(0), e.getMessage());
            }
        });
    }
}
