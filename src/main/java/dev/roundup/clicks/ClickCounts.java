package dev.roundup.clicks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;

import dev.roundup.UniqueKey;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.Item;
import dev.roundup.roundup.Section;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one place that keeps click counts: one row per issue and link in {@code click_count}, nothing per reader.
 * Also {@code inject:clicks} for the sent issue's page.
 */
@ApplicationScoped
@Named("clicks")
public class ClickCounts {

    @Inject
    EntityManager em;

    /** An issue's counts: in total, the sponsor's link, and each included item in the issue's order. */
    public record IssueClicks(long issueId, long total, Long sponsor, String sponsorName, List<ItemClicks> items) {
        /** Whether anything of this issue was counted (the page shows the card only then, or when the feature was on). */
        public boolean any() {
            return total > 0;
        }
    }

    /** One item's count. */
    public record ItemClicks(long itemId, String section, String title, String url, long clicks) {
    }

    /** Adds {@code clicks} to a link's count; an instance inserting the same row at once is met by adding again. */
    void add(long issueId, String link, long clicks) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    int updated = em.createNativeQuery("update click_count set clicks = clicks + ?3 where issue_id = ?1 and link = ?2")
                            .setParameter(1, issueId).setParameter(2, link).setParameter(3, clicks).executeUpdate();
                    if (updated == 0) {
                        em.createNativeQuery("insert into click_count (issue_id, link, clicks) values (?1, ?2, ?3)").setParameter(1, issueId)
                                .setParameter(2, link).setParameter(3, clicks).executeUpdate();
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (!UniqueKey.violated(e) || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    /** The counts of an issue (an unknown issue has none). */
    public IssueClicks of(long issueId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> byLink = new HashMap<>();
            for (Object row : em.createNativeQuery("select link, clicks from click_count where issue_id = ?1").setParameter(1, issueId)
                    .getResultList()) {
                Object[] r = (Object[]) row;
                byLink.put((String) r[0], ((Number) r[1]).longValue());
            }
            long total = byLink.values().stream().mapToLong(Long::longValue).sum();
            Issue issue = Issue.findById(issueId);
            List<ItemClicks> items = new ArrayList<>();
            if (issue != null) {
                for (Section s : issue.sections) {
                    for (Item i : s.includedItems()) {
                        items.add(new ItemClicks(i.id, s.title, i.title, i.url, byLink.getOrDefault("i" + i.id, 0L)));
                    }
                }
            }
            boolean sponsor = issue != null && issue.sponsorUrl != null && !issue.sponsorUrl.isBlank();
            return new IssueClicks(issueId, total, sponsor ? byLink.getOrDefault(ClickLinks.SPONSOR, 0L) : null,
                    sponsor ? issue.sponsorName : null, items);
        });
    }
}
