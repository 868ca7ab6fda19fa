package dev.roundup.roundup;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.RoundupConfig;
import dev.roundup.feeds.Post;
import dev.roundup.listings.Job;
import dev.roundup.listings.Project;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Makes the draft of an issue for a window: Sponsor (empty, for the editor), Projects and Jobs of the window,
 * From the Community (posts ranked: carried by several feeds first, then newest; never one an earlier issue already
 * featured), Support. Candidates beyond each section's size stay as suggestions.
 */
@ApplicationScoped
public class Drafts {

    private static final Logger LOG = Logger.getLogger(Drafts.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM dd", Locale.ENGLISH);

    @Inject
    IssuesConfig config;

    @Inject
    RoundupConfig roundup;

    /** The week just ended, every Monday morning, unless it has an issue already. */
    @Scheduled(cron = "{roundup.issues.draft-cron}", timeZone = "{roundup.timezone}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void weekly() {
        LocalDate today = LocalDate.now(roundup.timezone());
        LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (QuarkusTransaction.requiringNew().call(() -> Issue.forWindow(monday.minusDays(7), monday)).isEmpty()) {
            Issue issue = create(monday.minusDays(7), monday);
            LOG.infof("Drafted issue #%d for %s", issue.number, window(issue.windowFrom, issue.windowTo));
        }
    }

    /** Creates the draft for [from, to); refuses a window that already has an issue. */
    public Issue create(LocalDate from, LocalDate to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new Curation.Rejected("The window must start before it ends.");
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Issue.forWindow(from, to).ifPresent(existing -> {
                    throw new Curation.Conflict("An issue for " + window(from, to) + " already exists: #" + existing.number + ".");
                });
                return fill(from, to);
            });
        } catch (jakarta.persistence.PersistenceException race) {
            throw new Curation.Conflict("An issue for " + window(from, to) + " already exists.");
        }
    }

    private Issue fill(LocalDate from, LocalDate to) {
        Instant now = Instant.now();
        ZoneId zone = roundup.timezone();
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.atStartOfDay(zone).toInstant();
        Issue issue = new Issue();
        issue.number = Issue.nextNumber();
        issue.windowFrom = from;
        issue.windowTo = to;
        issue.title = roundup.name() + " — Weekly Roundup (" + window(from, to) + ")";
        issue.subject = config.subject();
        issue.intro = config.intro();
        issue.footer = config.footer();
        issue.createdAt = now;
        issue.updatedAt = now;
        issue.persist();

        int keep = config.suggestions();
        Section projects = section(issue, Section.Kind.PROJECTS, "Projects", null);
        List<Project> projectList = Project.approvedBetween(start, end);
        for (int i = 0; i < Math.min(projectList.size(), config.projectsSize() + keep); i++) {
            Project p = projectList.get(i);
            item(projects, Item.Kind.PROJECT, p.id, p.name, p.url, p.description, p.makerName, i < config.projectsSize());
        }
        Section jobs = section(issue, Section.Kind.JOBS, "Jobs", null);
        List<Job> jobList = Job.postedBetween(start, end, now);
        for (int i = 0; i < Math.min(jobList.size(), config.jobsSize() + keep); i++) {
            Job j = jobList.get(i);
            item(jobs, Item.Kind.JOB, j.id, (j.featured ? "⭐ " : "") + j.title + " at " + j.company, j.applyUrl,
                    j.location + (j.salary == null ? "" : " · " + j.salary), j.company, i < config.jobsSize());
        }
        Section community = section(issue, Section.Kind.COMMUNITY, "From the Community", null);
        List<Long> featured = Issue.getEntityManager().createQuery("select i.refId from Item i where i.kind = ?1 and i.included = true "
                + "and i.section.issue.status <> ?2 and i.section.issue <> ?3", Long.class)
                .setParameter(1, Item.Kind.POST).setParameter(2, IssueStatus.CANCELLED).setParameter(3, issue).getResultList();
        List<Post> posts = Post.rankedBetween(start, end, featured, config.communitySize() + keep);
        for (int i = 0; i < posts.size(); i++) {
            Post p = posts.get(i);
            item(community, Item.Kind.POST, p.id, p.title, p.canonicalUrl, p.excerpt, p.blogName, i < config.communitySize());
        }
        if (!config.supportNote().isBlank()) {
            section(issue, Section.Kind.CUSTOM, "Support", config.supportNote());
        }
        return issue;
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

    /** "Mar 09–Mar 16, 2026", as the seed's issues name their week. */
    public static String window(LocalDate from, LocalDate to) {
        return DAY.format(from) + "–" + DAY.format(to) + ", " + to.getYear();
    }
}
