package dev.roundup.listings;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.Newsletter;
import dev.roundup.Rejected;
import dev.roundup.web.Flash;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The editor's moderation pages for projects and jobs: filter, approve, reject with a reason, feature, edit, delete, in bulk. */
@Path("/editor")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.TEXT_HTML)
public class ListingEditorResource {

    @Inject
    Listings listings;

    @Inject
    ListingQueries queries;

    @Inject
    Flash flash;

    @Inject
    Newsletter newsletter;

    @CheckedTemplate
    static class Templates {
        /** The list of a kind: of {@code projects} and {@code jobs}, only the kind's list is filled. */
        static native TemplateInstance listings(ListingKind kind, List<Project> projects, List<Job> jobs,
                Map<Long, List<Integer>> featuredIn, String status, String q, Map<String, Long> counts, Instant now);

        /** One listing's page: {@code listing} is the kind's {@code project} or {@code job}, the other is null. */
        static native TemplateInstance listing(ListingKind kind, Listing listing, Project project, Job job, Map<String, String> values,
                Map<String, String> errors, String expires);
    }

    @GET
    @Path("projects")
    public TemplateInstance projects(@RestQuery String status, @RestQuery String q) {
        return list(ListingKind.PROJECT, queries.projects(status, q), status, q);
    }

    @GET
    @Path("jobs")
    public TemplateInstance jobs(@RestQuery String status, @RestQuery String q) {
        return list(ListingKind.JOB, queries.jobs(status, q), status, q);
    }

    /** One list page for every kind, with which issues featured each listing and the counts per status. */
    private TemplateInstance list(ListingKind kind, List<? extends Listing> shown, String status, String q) {
        return Templates.listings(kind, ListingKind.only(Project.class, shown), ListingKind.only(Job.class, shown),
                ListingFeature.issuesFor(kind.word, shown.stream().map(l -> l.id).toList()), orEmpty(status), orEmpty(q),
                queries.counts(kind), Instant.now());
    }

    @POST
    @Path("projects/moderate")
    public Response moderateProjects(@RestForm("id") List<Long> ids, @RestForm String action, @RestForm String reason,
            @RestForm String back, @RestForm String status, @RestForm String q) {
        return moderate(ListingKind.PROJECT, ids, action, reason, back, () -> projects(status, q));
    }

    @POST
    @Path("jobs/moderate")
    public Response moderateJobs(@RestForm("id") List<Long> ids, @RestForm String action, @RestForm String reason,
            @RestForm String back, @RestForm String status, @RestForm String q) {
        return moderate(ListingKind.JOB, ids, action, reason, back, () -> jobs(status, q));
    }

    /** One moderation for every kind; with nothing ticked, the list again with a message. */
    private Response moderate(ListingKind kind, List<Long> ids, String action, String reason, String back,
            java.util.function.Supplier<TemplateInstance> list) {
        if (ids == null || ids.isEmpty()) {
            flash.now(Flash.Kind.ERROR, "Nothing was changed: tick at least one " + kind.word + ", then choose what to do with it.");
            return Response.status(400).entity(list.get()).build();
        }
        tellOutcome(listings.moderate(kind, ids, action, reason), kind.word, action);
        return Response.seeOther(URI.create(back(back, kind.editorPath))).build();
    }

    /** "2 jobs approved." and, for approvals and rejections, that the submitters were told; nothing changed is a warning. */
    private void tellOutcome(int changed, String what, String action) {
        if (changed == 0) {
            flash.warning("Nothing changed: what you ticked was already " + past(action) + ".");
            return;
        }
        boolean mailed = "approve".equals(action) || "reject".equals(action);
        flash.set(changed + " " + what + (changed == 1 ? "" : "s") + " " + past(action) + "."
                + (mailed ? (changed == 1 ? " The submitter was told by mail." : " Each submitter was told by mail.") : ""));
    }

    @GET
    @Path("projects/{id}")
    public TemplateInstance project(@RestPath long id) {
        return page(found(ListingKind.PROJECT, id), null, Map.of(), null);
    }

    @POST
    @Path("projects/{id}")
    public Response editProject(@RestPath long id, @RestForm String name, @RestForm String url, @RestForm String description,
            @RestForm String repoUrl, @RestForm String imageUrl, @RestForm String makerName, @RestForm String makerEmail) {
        Listings.ProjectFields fields = new Listings.ProjectFields(name, url, description, repoUrl, imageUrl, makerName, makerEmail);
        try {
            return saved(ListingKind.PROJECT, id, Listings.edit(ListingKind.PROJECT, id, fields, p -> { }));
        } catch (Rejected invalid) {
            return Response.status(400).entity(page(found(ListingKind.PROJECT, id), fields.typed(), invalid.errors(), null)).build();
        }
    }

    @POST
    @Path("projects/{id}/delete")
    public Response deleteProject(@RestPath long id) {
        return delete(ListingKind.PROJECT, id);
    }

    @GET
    @Path("jobs/{id}")
    public TemplateInstance job(@RestPath long id) {
        return page(found(ListingKind.JOB, id), null, Map.of(), null);
    }

    @POST
    @Path("jobs/{id}")
    public Response editJob(@RestPath long id, @RestForm String title, @RestForm String company, @RestForm String location,
            @RestForm String applyUrl, @RestForm String description, @RestForm String salary, @RestForm String contactEmail,
            @RestForm String expires) {
        Listings.JobFields fields = new Listings.JobFields(title, company, location, applyUrl, description, salary, contactEmail);
        try {
            return saved(ListingKind.JOB, id, Listings.edit(ListingKind.JOB, id, fields, j -> {
                if (expires != null && !expires.isBlank()) {
                    j.expiresAt = LocalDate.parse(expires).plusDays(1).atStartOfDay(newsletter.zone()).toInstant();
                }
            }));
        } catch (Rejected invalid) {
            return Response.status(400).entity(page(found(ListingKind.JOB, id), fields.typed(), invalid.errors(), null)).build();
        } catch (java.time.format.DateTimeParseException badDate) {
            return Response.status(400).entity(page(found(ListingKind.JOB, id), null, Map.of("expires", "Use a date like 2026-12-31."),
                    expires)).build();
        }
    }

    /** After an edit: back to the listing's page, saved; a 404 when there was none. */
    private Response saved(ListingKind kind, long id, boolean found) {
        if (!found) {
            throw new NotFoundException();
        }
        flash.set("Saved.");
        return Response.seeOther(URI.create(kind.editorPath + "/" + id)).build();
    }

    @POST
    @Path("jobs/{id}/delete")
    public Response deleteJob(@RestPath long id) {
        return delete(ListingKind.JOB, id);
    }

    /** One listing's page for every kind, with the values as typed and their errors, or as saved; a 404 when there is none. */
    private TemplateInstance page(Listing listing, Map<String, String> values, Map<String, String> errors, String expiresTyped) {
        Job job = listing instanceof Job j ? j : null;
        String expires = expiresTyped != null ? expiresTyped : job == null ? "" : expiresDate(job);
        return Templates.listing(listing.kind(), listing, listing instanceof Project p ? p : null, job, values, errors, expires);
    }

    private static Listing found(ListingKind kind, long id) {
        Listing listing = kind.find(id);
        if (listing == null) {
            throw new NotFoundException();
        }
        return listing;
    }

    /** One delete for every kind: "Job deleted.", back to the kind's list. */
    private Response delete(ListingKind kind, long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Listing listing = kind.find(id);
            if (listing != null) {
                listing.delete();
            }
        });
        flash.set(kind.title.substring(0, kind.title.length() - 1) + " deleted.");
        return Response.seeOther(URI.create(kind.editorPath)).build();
    }

    private String expiresDate(Job job) {
        return job.expiresAt == null ? "" : job.expiresAt.minusSeconds(1).atZone(newsletter.zone()).toLocalDate().toString();
    }

    private static String past(String action) {
        return switch (action == null ? "" : action) {
            case "approve" -> "approved";
            case "reject" -> "rejected";
            case "feature" -> "featured";
            case "unfeature" -> "no longer featured";
            default -> "changed";
        };
    }

    private static String back(String back, String fallback) {
        return back != null && back.startsWith("/editor/") && !back.startsWith("//") ? back : fallback;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
