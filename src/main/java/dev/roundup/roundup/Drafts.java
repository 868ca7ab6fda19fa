package dev.roundup.roundup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import dev.roundup.Conflict;
import dev.roundup.Rejected;
import dev.roundup.web.DateRange;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Makes the draft of an issue for a window: Sponsor (empty, for the editor), Projects and Jobs (every listing approved
 * so far that no issue featured yet), From the Community (links readers suggested and an editor accepted, offered as
 * suggestions credited "suggested by …"; then the window's stories, each told once ({@link StoryClusters}: the
 * earliest post stands for it, "also covered by" the others) and ranked: carried by several feeds first, then newest;
 * never one an earlier issue already featured), Support. Candidates beyond each section's size, and those
 * another unsent issue holds, stay as suggestions (see {@link Offers}); {@link #refresh} adds what arrived since.
 */
@ApplicationScoped
public class Drafts {

    private static final Logger LOG = Logger.getLogger(Drafts.class);

    @Inject
    IssueDefaults defaults;

    /** Only for the subject's pattern, which is not a setting of the Settings page. */
    @Inject
    IssuesConfig config;

    @Inject
    Curation curation;

    @Inject
    jakarta.enterprise.event.Event<DraftMade> made;

    /**
     * Checks every minute whether the weekly draft is due, because the day and time are a setting that changes
     * while Roundup runs (a fixed cron could not follow it).
     */
    @Scheduled(every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void weekly() {
        draftIfDue(Instant.now());
    }

    /**
     * Makes the weekly draft if one is due at {@code now} (see {@link DraftSchedule#dueAt}) and none was made for
     * that week: the seven days before the draft day, or fewer, from the end of the latest issue that was not
     * cancelled when it ends within them (the draft day moved); none when such an issue reaches the draft day already.
     * A cancelled draft of the same window stays cancelled: its window is taken. On two instances both may try; the
     * unique window lets one win, and the other finds it there. Returns the draft it made, and tells of it with a
 * {@link DraftMade} event, asynchronously, once it is committed.
     */
    public Optional<Issue> draftIfDue(Instant now) {
        Optional<LocalDate> due = defaults.draftSchedule().dueAt(now.atZone(defaults.zone()));
        if (due.isEmpty()) {
            return Optional.empty();
        }
        LocalDate to = due.get();
        Optional<LocalDate> covered = QuarkusTransaction.requiringNew().call(() -> Issue.coveredUntil(to));
        if (covered.isPresent() && !covered.get().isBefore(to)) {
            return Optional.empty();
        }
        // after last week's issue, so that no day is in two issues and none is left out when the draft day moves
        LocalDate from = covered.filter(c -> c.isAfter(to.minusDays(7))).orElse(to.minusDays(7));
        try {
            Issue issue = create(from, to);
            LOG.infof("Drafted issue %s for %s", issue.label(), window(issue.windowFrom, issue.windowTo));
            made.fireAsync(new DraftMade(issue.id));
            return Optional.of(issue);
        } catch (Conflict madeElsewhere) {
            return Optional.empty();
        }
    }

    /** Creates the draft for [from, to); refuses a window that already has an issue. */
    public Issue create(LocalDate from, LocalDate to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new Rejected("The window must start before it ends.");
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Issue.forWindow(from, to).ifPresent(existing -> {
                    throw new Conflict("An issue for " + window(from, to) + " already exists: " + existing.label() + ".");
                });
                return fill(from, to);
            });
        } catch (jakarta.persistence.PersistenceException race) {
            throw new Conflict("An issue for " + window(from, to) + " already exists.");
        }
    }

    private Issue fill(LocalDate from, LocalDate to) {
        Instant now = Instant.now();
        DraftSections sizes = defaults.sections();
        Issue issue = new Issue();
        issue.windowFrom = from;
        issue.windowTo = to;
        issue.title = defaults.name() + " — Weekly Roundup (" + window(from, to) + ")";
        issue.subject = config.subject();
        issue.intro = defaults.defaultIntro();
        issue.footer = defaults.defaultFooter();
        issue.createdAt = now;
        issue.updatedAt = now;
        issue.persist();

        Offers offers = Offers.forIssue(issue);
        int keep = sizes.suggestions();
        if (sizes.projects() > 0) {
            offer(offers, section(issue, Section.Kind.PROJECTS, "Projects", null), sizes.projects(), sizes.projects() + keep, now);
        }
        if (sizes.jobs() > 0) {
            offer(offers, section(issue, Section.Kind.JOBS, "Jobs", null), sizes.jobs(), sizes.jobs() + keep, now);
        }
        if (sizes.community() > 0) {
            offer(offers, section(issue, Section.Kind.COMMUNITY, "From the Community", null), sizes.community(),
                    sizes.community() + keep, now);
        }
        if (!sizes.supportNote().isBlank()) {
            section(issue, Section.Kind.CUSTOM, "Support", sizes.supportNote());
        }
        return issue;
    }

    /**
     * Adds to a draft's sections, as suggestions, what it would offer now and does not hold yet: listings approved
     * since it was made (Monday morning's moderation), posts that arrived late. The editor's choices stay as they are.
     * Returns how many were added and the issue's new version.
     */
    public Refreshed refresh(long issueId, long version) {
        int[] added = {0};
        long newVersion = curation.change(issueId, version, issue -> {
            Offers offers = Offers.forIssue(issue);
            for (Section.Kind kind : List.of(Section.Kind.PROJECTS, Section.Kind.JOBS, Section.Kind.COMMUNITY)) {
                issue.sections.stream().filter(s -> s.kind == kind).findFirst()
                        .ifPresent(s -> added[0] += offer(offers, s, 0, refreshLimit(kind), Instant.now()));
            }
        });
        return new Refreshed(added[0], newVersion);
    }

    /** How many offers a refresh may add to a section: a section's worth at least, even with no suggestions kept. */
    private int refreshLimit(Section.Kind kind) {
        DraftSections sizes = defaults.sections();
        int size = switch (kind) {
            case PROJECTS -> sizes.projects();
            case JOBS -> sizes.jobs();
            default -> sizes.community();
        };
        return Math.max(size, sizes.suggestions());
    }

    /** The outcome of {@link #refresh}. */
    @Schema(name = "SuggestionsRefreshed")
    public record Refreshed(int added, long version) {
    }

    /**
     * Puts up to {@code limit} offers into {@code section}, the first {@code included} fresh ones (not held by another
     * unsent issue) included and the rest as suggestions. Returns how many it added.
     */
    private int offer(Offers offers, Section section, int included, int limit, Instant cutoff) {
        ZoneId zone = defaults.zone();
        Issue issue = section.issue;
        java.util.Map<Item.Kind, java.util.Set<Long>> present = new java.util.EnumMap<>(Item.Kind.class);
        issue.sections.forEach(s -> s.items.stream().filter(i -> i.refId != null)
                .forEach(i -> present.computeIfAbsent(i.kind, k -> new java.util.HashSet<>()).add(i.refId)));
        List<Offers.Offer> list = offers.of(section.kind, issue.windowFrom.atStartOfDay(zone).toInstant(),
                issue.windowTo.atStartOfDay(zone).toInstant(), cutoff, present, limit);
        int in = 0;
        for (Offers.Offer o : list) {
            // an older listing an earlier draft offered and nobody sent stays a suggestion: the editor passed it over once
            boolean include = in < included && o.fresh() && !offers.heldElsewhere(o);
            in += include ? 1 : 0;
            // a blurb is Markdown; what the draft copies (an excerpt, a description) is made to read as it did
            item(section, o.kind(), o.refId(), o.title(), o.url(), Markdown.literal(o.blurb(), 5000), o.source(), include)
                    .coveredAlsoBy(o.alsoCovered());
        }
        return list.size();
    }

    private static Section section(Issue issue, Section.Kind kind, String title, String note) {
        Section s = new Section();
        s.issue = issue;
        s.kind = kind;
        s.title = title;
        s.note = note;
        s.position = issue.sections.size();
        issue.sections.add(s);
        s.persist();
        return s;
    }

    static Item item(Section section, Item.Kind kind, Long refId, String title, String url, String blurb, String source, boolean included) {
        Item item = new Item();
        item.section = section;
        item.kind = kind;
        item.refId = refId;
        item.title = title.length() > 1000 ? title.substring(0, 1000) : title;
        item.url = url;
        item.blurb = blurb == null || blurb.length() <= 5000 ? blurb : blurb.substring(0, 5000);
        item.source = source == null || source.length() <= 300 ? source : source.substring(0, 300);
        item.included = included;
        item.position = section.items.size();
        section.items.add(item);
        item.persist();
        return item;
    }

    /** The days a window [from, to) covers, "Nov 23–29" (see {@link DateRange}). */
    public static String window(LocalDate from, LocalDate to) {
        return DateRange.window(from, to);
    }
}
