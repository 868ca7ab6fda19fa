package dev.roundup.editor;

import java.util.List;

import dev.roundup.roundup.IssueView;

/**
 * What the editors' draft mail says about a new weekly draft: the counts per section, the broken links a check found,
 * whether it is a quiet week (fewer included items than the setting's minimum), and where to open or skip it.
 */
public record DraftReport(String newsletter, String label, String window, List<SectionCount> sections, long items, boolean quiet,
        int minimum, boolean checked, List<String> broken, String issueLink, String skipLink) {

    /** One section's line: how many items it includes and how many suggestions wait beside them. */
    public record SectionCount(String title, long included, long suggestions) {
    }

    /** The report of {@code issue}; {@code broken} is null when no link check ran. */
    static DraftReport of(String newsletter, IssueView issue, int minimum, List<String> broken, String issueLink) {
        List<SectionCount> sections = issue.sections().stream()
                .map(s -> new SectionCount(s.title(), s.includedCount(), s.items().size() - s.includedCount())).toList();
        long items = sections.stream().mapToLong(SectionCount::included).sum();
        return new DraftReport(newsletter, issue.label(), issue.window(), sections, items, minimum > 0 && items < minimum, minimum,
                broken != null, broken == null ? List.of() : broken, issueLink, issueLink + "/skip");
    }

    /** The mail's subject: a quiet week says so first. */
    public String subject() {
        String what = items + (items == 1 ? " item" : " items");
        return quiet ? "Quiet week: " + label + " has only " + what + " (" + window + ")"
                : "Ready for you: " + label + ", " + what + " (" + window + ")";
    }
}
