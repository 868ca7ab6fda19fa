package dev.roundup.listings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;

/** The editor's lists of projects and jobs: by status, by text, newest first, with counts per status. */
@ApplicationScoped
public class ListingQueries {

    static final int LIMIT = 200;

    public List<Project> projects(String status, String q) {
        Filter f = new Filter(status, q, "lower(name) like :q or lower(description) like :q or lower(makerName) like :q");
        return Project.<Project>find(f.where + " order by submittedAt desc, id desc", f.params).page(Page.ofSize(LIMIT)).list();
    }

    public List<Job> jobs(String status, String q) {
        Filter f = new Filter(status, q, "lower(title) like :q or lower(company) like :q or lower(description) like :q");
        return Job.<Job>find(f.where + " order by submittedAt desc, id desc", f.params).page(Page.ofSize(LIMIT)).list();
    }

    public Map<String, Long> projectCounts() {
        return counts(ListingKind.PROJECT);
    }

    public Map<String, Long> jobCounts() {
        return counts(ListingKind.JOB);
    }

    /** How many listings of a kind are in each status. */
    public Map<String, Long> counts(ListingKind kind) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ListingStatus s : ListingStatus.values()) {
            counts.put(s.label(), 0L);
        }
        Project.getEntityManager().createQuery("select e.status, count(e) from " + kind.entityName() + " e group by e.status", Object[].class)
                .getResultList().forEach(r -> counts.put(((ListingStatus) r[0]).label(), (Long) r[1]));
        return counts;
    }

    private static final class Filter {
        final String where;
        final Parameters params = new Parameters();

        Filter(String status, String q, String textCondition) {
            StringBuilder w = new StringBuilder("1 = 1");
            if (status != null && !status.isBlank()) {
                try {
                    params.and("status", ListingStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
                    w.append(" and status = :status");
                } catch (IllegalArgumentException unknown) {
                    // an unknown status filters nothing
                }
            }
            if (q != null && !q.isBlank()) {
                params.and("q", "%" + q.strip().toLowerCase(Locale.ROOT) + "%");
                w.append(" and (").append(textCondition).append(")");
            }
            where = w.toString();
        }
    }
}
