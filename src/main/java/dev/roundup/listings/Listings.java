package dev.roundup.listings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.RejectedFields;
import dev.roundup.RoundupConfig;
import dev.roundup.TextRules;
import dev.roundup.mail.Mail;
import dev.roundup.mail.MailTag;
import dev.roundup.mail.Mailer;
import dev.roundup.settings.NewsletterSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Submissions and moderation of projects and jobs: what the public sends in and what editors decide about it. */
@ApplicationScoped
public class Listings {

    private static final Logger LOG = Logger.getLogger(Listings.class);

    @Inject
    ListingsConfig config;

    @Inject
    Mailer mailer;

    @Inject
    NewsletterSettings newsletter;

    @Inject
    RoundupConfig roundup;

    @Inject
    Moderation moderation;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance receivedText(String newsletter, String name, String what, String title);

        static native TemplateInstance receivedHtml(String newsletter, String name, String what, String title);
    }

    /** The fields of a project form. */
    public record ProjectFields(String name, String url, String description, String repoUrl, String imageUrl, String makerName,
            String makerEmail) {
    }

    /** The fields of a job form. */
    public record JobFields(String title, String company, String location, String applyUrl, String description, String salary,
            String contactEmail) {
    }

    /**
     * Takes a project from the public form; throws {@link RejectedFields}. The same form sent twice within
     * {@code roundup.listings.duplicate-window} (a double click, two tabs, a retry) while the first still waits for
     * moderation is one project and one receipt: empty for the copies.
     */
    public Optional<Project> submitProject(ProjectFields f) {
        Instant now = Instant.now();
        Project p = new Project();
        apply(p, f);
        p.submittedAt = now;
        p.updatedAt = now;
        p.submissionKey = SubmissionKey.of("project", p.makerEmail, p.url, p.name);
        Optional<Project> created = SubmissionKey.insertOnce(() -> {
            // a copy is only a copy of a listing still waiting: one moderated (rejected, published) frees its key,
            // so a rejected listing sent again corrected is a new listing with its own receipt
            Project.update("submissionKey = null where submissionKey = ?1 and (submittedAt < ?2 or status <> ?3)", p.submissionKey,
                    now.minus(config.duplicateWindow()), ListingStatus.PENDING);
            return Project.count("submissionKey", p.submissionKey) > 0 ? null : p;
        });
        created.ifPresent(project -> acknowledge(project.id, project.makerEmail, project.makerName, "project", project.name));
        return created;
    }

    /** Takes a job from the public form, once however often the same form is sent; see {@link #submitProject}. */
    public Optional<Job> submitJob(JobFields f) {
        Instant now = Instant.now();
        Job j = new Job();
        apply(j, f);
        j.submittedAt = now;
        j.updatedAt = now;
        j.submissionKey = SubmissionKey.of("job", j.contactEmail, j.applyUrl, j.title + "\n" + j.company);
        Optional<Job> created = SubmissionKey.insertOnce(() -> {
            // a copy is only a copy of a listing still waiting: one moderated (rejected, published) frees its key,
            // so a rejected listing sent again corrected is a new listing with its own receipt
            Job.update("submissionKey = null where submissionKey = ?1 and (submittedAt < ?2 or status <> ?3)", j.submissionKey,
                    now.minus(config.duplicateWindow()), ListingStatus.PENDING);
            return Job.count("submissionKey", j.submissionKey) > 0 ? null : j;
        });
        created.ifPresent(job -> acknowledge(job.id, job.contactEmail, job.company, "job", job.title + " at " + job.company));
        return created;
    }

    /** Validates and copies a project form onto a project (new or edited); throws {@link RejectedFields}. */
    static void apply(Project p, ProjectFields f) {
        TextRules rules = new TextRules();
        String name = rules.line("name", f.name(), 100, true);
        String url = rules.link("url", f.url(), true);
        String description = rules.text("description", f.description(), 600);
        String repo = rules.link("repoUrl", f.repoUrl(), false);
        String image = rules.link("imageUrl", f.imageUrl(), false);
        String maker = rules.line("makerName", f.makerName(), 100, true);
        String email = rules.email("makerEmail", f.makerEmail());
        rules.check();
        p.name = name;
        p.url = url;
        p.description = description;
        p.repoUrl = repo;
        p.imageUrl = image;
        p.makerName = maker;
        p.makerEmail = email;
    }

    /** Validates and copies a job form onto a job (new or edited); throws {@link RejectedFields}. */
    static void apply(Job j, JobFields f) {
        TextRules rules = new TextRules();
        String title = rules.line("title", f.title(), 120, true);
        String company = rules.line("company", f.company(), 120, true);
        String location = rules.line("location", f.location(), 120, true);
        String apply = rules.linkOrAddress("applyUrl", f.applyUrl());
        String description = rules.text("description", f.description(), 2000);
        String salary = rules.line("salary", f.salary(), 120, false);
        String email = rules.email("contactEmail", f.contactEmail());
        rules.check();
        j.title = title;
        j.company = company;
        j.location = location;
        j.applyUrl = apply;
        j.description = description;
        j.salary = salary;
        j.contactEmail = email;
    }

    /** Thanks the submitter by mail; a mail failure does not lose the submission. */
    private void acknowledge(long listingId, String email, String name, String what, String title) {
        try {
            mailer.send(Mail.of(email, name, "We received your " + what + " for " + newsletter.name(),
                    Templates.receivedText(newsletter.name(), name, what, title).render(),
                    Templates.receivedHtml(newsletter.name(), name, what, title).render()), MailTag.Kind.RECEIPT, listingId);
        } catch (Exception e) {
            LOG.warnf("Could not send the receipt for a %s submission: %s", what, e.getMessage());
        }
    }

    /** Approves, rejects (with a reason) or features projects by id; returns how many changed. See {@link Moderation}. */
    public int moderateProjects(List<Long> ids, String action, String reason) {
        return moderation.decide(Project.class, ids, action, reason, (p, now) -> {
            return new Moderation.Listing(p.id, p.status, s -> p.status = s, () -> {
                if (p.approvedAt == null) {
                    p.approvedAt = now;
                }
            }, r -> p.rejectReason = r, f -> p.featured = f, () -> p.updatedAt = now,
                    () -> new Moderation.Notice(p.id, p.makerEmail, p.makerName, "project", p.name, p.status, p.rejectReason,
                            roundup.link("/projects"), null));
        });
    }

    /** Approves (open for {@code job-lifetime}), rejects or features jobs by id; returns how many changed. */
    public int moderateJobs(List<Long> ids, String action, String reason) {
        return moderation.decide(Job.class, ids, action, reason, (j, now) -> {
            return new Moderation.Listing(j.id, j.status, s -> j.status = s, () -> {
                if (j.approvedAt == null) {
                    j.approvedAt = now;
                }
                if (j.expiresAt == null || !j.expiresAt.isAfter(now)) {
                    j.expiresAt = now.plus(config.jobLifetime());
                }
            }, r -> j.rejectReason = r, f -> j.featured = f, () -> j.updatedAt = now,
                    () -> new Moderation.Notice(j.id, j.contactEmail, j.company, "job", j.title + " at " + j.company, j.status,
                            j.rejectReason, roundup.link("/jobs"),
                            j.expiresAt == null ? null : j.expiresAt.minusSeconds(1).atZone(newsletter.zone()).toLocalDate()));
        });
    }

    /** A moderation action that does not exist: the sender's mistake, a 400 wherever it surfaces. */
    public static class UnknownAction extends IllegalArgumentException implements dev.roundup.web.UserMistake {
        UnknownAction(String action) {
            super(action == null ? "Choose an action: approve, reject, feature or unfeature." : "Unknown action " + (action.length() > 40 ? action.substring(0, 40) + "…" : action)
                    + ": use approve, reject, feature or unfeature.");
        }
    }
}
