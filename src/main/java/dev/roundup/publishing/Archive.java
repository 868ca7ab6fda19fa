package dev.roundup.publishing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.roundup.Issue;
import dev.roundup.roundup.IssueStatus;
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

    public List<Listed> listed(int limit) {
        return sent(limit).stream().map(i -> {
            IssueContent c = renderer.content(i.id);
            return new Listed(i.number, i.title, c.window(), c.summary());
        }).toList();
    }

    /** The latest sent issue, or null before the first one. */
    public Listed latest() {
        List<Listed> last = listed(1);
        return last.isEmpty() ? null : last.get(0);
    }
}
