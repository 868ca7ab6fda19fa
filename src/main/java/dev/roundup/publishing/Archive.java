package dev.roundup.publishing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.roundup.Issue;
import dev.roundup.roundup.IssueStatus;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

/** The sent issues, newest first: for the archive, the feeds and the front page. */
@ApplicationScoped
public class Archive {

    @Inject
    IssueRenderer renderer;

    /** An issue in a list of issues. */
    public record Listed(int number, String title, String window, String summary) {
    }

    public List<Issue> sent(int limit) {
        return Issue.<Issue>find("status = ?1 order by number desc", IssueStatus.SENT).page(Page.ofSize(limit)).list();
    }

    /** A page of the archive: its issues, newest first, and whether older ones follow. */
    public record Shelf(List<Listed> issues, int page, boolean hasOlder) {
    }

    /**
     * One page of the sent issues, from one query of their own columns (numbers, titles, windows, intros): listing
     * the archive renders no issue.
     */
    public Shelf listed(int page, int size) {
        PanacheQuery<Issue> query = Issue.<Issue>find("status = ?1 order by number desc", IssueStatus.SENT).page(Page.of(page, size));
        return new Shelf(query.list().stream().map(renderer::listed).toList(), page, query.hasNextPage());
    }

    /** The latest sent issue, or null before the first one. */
    public Listed latest() {
        List<Listed> last = listed(0, 1).issues();
        return last.isEmpty() ? null : last.get(0);
    }
}
