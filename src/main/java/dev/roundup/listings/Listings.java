package dev.roundup.listings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.roundup.Newsletter;
import dev.roundup.Rejected;
import dev.roundup.RoundupConfig;
import dev.roundup.TextRules;
import dev.roundup.mail.MailFrame;
import dev.roundup.mail.MailTag;
import dev.roundup.mail.MailTemplates;
import dev.roundup.mail.Mailer;
import io.quarkus.hibernate.orm.panache.Panache;
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
    MailTemplates mails;

    @Inject
    Newsletter newsletter;

    @Inject
    RoundupConfig roundup;

    @Inject
    Moderation moderation;

    @CheckedTemplate
    static class Templates {
        /** The receipt's pair, {@code received.html} and {@code received.txt}, over the mail base. */
        static native TemplateInstance received(MailFrame frame, String name, String what, String title);
    }

    /** The fields of a kind's form, and how they are checked and copied onto a listing of that kind. */
    public sealed interface ListingFields<L extends Listing> permits ProjectFields, JobFields {
        /** Checks every field by {@link TextRules} and copies them onto {@code listing}; throws {@link Rejected}. */
        void applyTo(L listing);

        /** A new, empty listing of this form's kind. */
        L newListing();

        /** The values as typed (stripped), to show back in the form beside a refusal. */
        Map<String, String> typed();
    }

    /** The fields of a project form. */
    public record ProjectFields(String name, String url, String description, String repoUrl, String imageUrl, String makerName,
            String makerEmail) implements ListingFields<Project> {

        @Override
        public void applyTo(Project p) {
            TextRules rules = new TextRules();
            String checkedName = rules.line("name", name, 100, true);
            String checkedUrl = rules.link("url", url, true);
            String checkedDescription = rules.text("description", description, 600);
            String repo = rules.link("repoUrl", repoUrl, false);
            String image = rules.link("imageUrl", imageUrl, false);
            String maker = rules.line("makerName", makerName, 100, true);
            String email = rules.email("makerEmail", makerEmail);
            rules.check();
            p.name = checkedName;
            p.url = checkedUrl;
            p.description = checkedDescription;
            p.repoUrl = repo;
            p.imageUrl = image;
            p.makerName = maker;
            p.makerEmail = email;
        }

        @Override
        public Map<String, String> typed() {
            return Listings.typed("name", name, "url", url, "description", description, "repoUrl", repoUrl, "imageUrl", imageUrl,
                    "makerName", makerName, "makerEmail", makerEmail);
        }

        @Override
        public Project newListing() {
            return new Project();
        }
    }

    /** The fields of a job form; where to apply is a link or an address. */
    public record JobFields(String title, String company, String location, String applyUrl, String description, String salary,
            String contactEmail) implements ListingFields<Job> {

        @Override
        public void applyTo(Job j) {
            TextRules rules = new TextRules();
            String checkedTitle = rules.line("title", title, 120, true);
            String checkedCompany = rules.line("company", company, 120, true);
            String checkedLocation = rules.line("location", location, 120, true);
            String apply = rules.linkOrAddress("applyUrl", applyUrl);
            String checkedDescription = rules.text("description", description, 2000);
            String checkedSalary = rules.line("salary", salary, 120, false);
            String email = rules.email("contactEmail", contactEmail);
            rules.check();
            j.title = checkedTitle;
            j.company = checkedCompany;
            j.location = checkedLocation;
            j.applyUrl = apply;
            j.description = checkedDescription;
            j.salary = checkedSalary;
            j.contactEmail = email;
        }

        @Override
        public Job newListing() {
            return new Job();
        }

        @Override
        public Map<String, String> typed() {
            return Listings.typed("title", title, "company", company, "location", location, "applyUrl", applyUrl,
                    "description", description, "salary", salary, "contactEmail", contactEmail);
        }
    }

    private static Map<String, String> typed(String... namesAndValues) {
        Map<String, String> typed = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            typed.put(namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1].strip());
        }
        return typed;
    }

    /** Takes a project from the public form; see {@link #submit}. */
    public Optional<Project> submitProject(ProjectFields f) {
        return submit(f);
    }

    /** Takes a job from the public form; see {@link #submit}. */
    public Optional<Job> submitJob(JobFields f) {
        return submit(f);
    }

    /**
     * Takes a listing of any kind from its public form; throws {@link Rejected}. The same form sent twice within
     * {@code roundup.listings.duplicate-window} (a double click, two tabs, a retry) while the first still waits for
     * moderation is one listing and one receipt: empty for the copies.
     */
    public <L extends Listing> Optional<L> submit(ListingFields<L> f) {
        Instant now = Instant.now();
        L listing = f.newListing();
        f.applyTo(listing);
        listing.submittedAt = now;
        listing.updatedAt = now;
        listing.submissionKey = listing.submissionKeyOf();
        String entity = listing.kind().entityName();
        Optional<L> created = SubmissionKey.insertOnce(() -> {
            // a copy is only a copy of a listing still waiting: one moderated (rejected, published) frees its key,
            // so a rejected listing sent again corrected is a new listing with its own receipt
            EntityManager em = Panache.getEntityManager();
            em.createQuery("update " + entity + " set submissionKey = null where submissionKey = ?1 and (submittedAt < ?2 or status <> ?3)")
                    .setParameter(1, listing.submissionKey).setParameter(2, now.minus(config.duplicateWindow()))
                    .setParameter(3, ListingStatus.PENDING).executeUpdate();
            long copies = em.createQuery("select count(e) from " + entity + " e where e.submissionKey = ?1", Long.class)
                    .setParameter(1, listing.submissionKey).getSingleResult();
            return copies > 0 ? null : listing;
        });
        created.ifPresent(l -> acknowledge(l.id, l.submitterEmail(), l.submitterName(), l.kind().word, l.title()));
        return created;
    }

    /**
     * Checks and copies an edited form onto the listing of {@code kind} with this id, then {@code more} (the editor's
     * extra fields), in one transaction; false when there is none. Throws {@link Rejected}, changing nothing.
     */
    static <L extends Listing> boolean edit(ListingKind kind, long id, ListingFields<L> f, java.util.function.Consumer<L> more) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            L listing = (L) Panache.getEntityManager().find(kind.entity, id);
            if (listing == null) {
                return false;
            }
            f.applyTo(listing);
            more.accept(listing);
            listing.updatedAt = Instant.now();
            return true;
        });
    }

    /** Thanks the submitter by mail; a mail failure does not lose the submission. */
    private void acknowledge(long listingId, String email, String name, String what, String title) {
        try {
            mailer.send(mails.mail(email, name, "We received your " + what + " for " + newsletter.name(),
                    Templates.received(mails.frame(), name, what, title)), MailTag.Kind.RECEIPT, listingId);
        } catch (Exception e) {
            LOG.warnf("Could not send the receipt for a %s submission: %s", what, e.getMessage());
        }
    }

    /**
     * Approves (for a job: open for {@code job-lifetime}), rejects (with a reason) or features listings of one kind
     * by id; returns how many changed. See {@link Moderation}.
     */
    public int moderate(ListingKind kind, List<Long> ids, String action, String reason) {
        return moderation.decide(kind.entity, ids, action, reason, (l, now) -> new Moderation.Listing(l.id, l.status, s -> l.status = s,
                () -> l.approved(now, config), r -> l.rejectReason = r, f -> l.featured = f, () -> l.updatedAt = now,
                () -> new Moderation.Notice(l.id, l.submitterEmail(), l.submitterName(), kind.word, l.title(), l.status, l.rejectReason,
                        roundup.link(kind.publicPath), l.openUntil(newsletter.zone()))));
    }
}
