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
        static native TemplateInstance projects(List<Project> projects, Map<Long, List<Integer>> featuredIn, String status, String q,
                Map<String, Long> counts);

        static native TemplateInstance jobs(List<Job> jobs, Map<Long, List<Integer>> featuredIn, String status, String q,
                Map<String, Long> counts, Instant now);

        static native TemplateInstance project(Project project, Map<String, String> values, Map<String, String> errors);

        static native TemplateInstance job(Job job, Map<String, String> values, Map<String, String> errors, String expires);
    }

    @GET
    @Path("projects")
    public TemplateInstance projects(@RestQuery String status, @RestQuery String q) {
        List<Project> list = queries.projects(status, q);
        return Templates.projects(list, ListingFeature.issuesFor(ListingKind.PROJECT.word, list.stream().map(p -> p.id).toList()),
                orEmpty(status), orEmpty(q), queries.counts(ListingKind.PROJECT));
    }

    @GET
    @Path("jobs")
    public TemplateInstance jobs(@RestQuery String status, @RestQuery String q) {
        List<Job> list = queries.jobs(status, q);
        return Templates.jobs(list, ListingFeature.issuesFor(ListingKind.JOB.word, list.stream().map(j -> j.id).toList()),
                orEmpty(status), orEmpty(q), queries.counts(ListingKind.JOB), Instant.now());
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
        return Response.seeOther(URI.create(back(back, "/editor" + kind.publicPath))).build();
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
        return Templates.project(Project.<Project>findByIdOptional(id).orElseThrow(NotFoundException::new), null, Map.of());
    }

    @POST
    @Path("projects/{id}")
    public Response editProject(@RestPath long id, @RestForm String name, @RestForm String url, @RestForm String description,
            @RestForm String repoUrl, @RestForm String imageUrl, @RestForm String makerName, @RestForm String makerEmail) {
        Listings.ProjectFields fields = new Listings.ProjectFields(name, url, description, repoUrl, imageUrl, makerName, makerEmail);
        try {
            return saved(ListingKind.PROJECT, id, Listings.edit(ListingKind.PROJECT, id, fields, p -> { }));
        } catch (Rejected invalid) {
            return Response.status(400).entity(Templates.project(Project.findById(id), fields.typed(), invalid.errors())).build();
        }
    }

    @POST
    @Path("projects/{id}/delete")
    public Response deleteProject(@RestPath long id) {
        QuarkusTransaction.requiringNew().run(() -> Project.deleteById(id));
        flash.set("Project deleted.");
        return Response.seeOther(URI.create("/editor/projects")).build();
    }

    @GET
    @Path("jobs/{id}")
    public TemplateInstance job(@RestPath long id) {
        Job job = Job.<Job>findByIdOptional(id).orElseThrow(NotFoundException::new);
        return Templates.job(job, null, Map.of(), expiresDate(job));
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
            Job job = Job.findById(id);
            return Response.status(400).entity(Templates.job(job, fields.typed(), invalid.errors(), expiresDate(job))).build();
        } catch (java.time.format.DateTimeParseException badDate) {
            Job job = Job.findById(id);
            return Response.status(400).entity(Templates.job(job, null, Map.of("expires", "Use a date like 2026-12-31."), expires)).build();
        }
    }

    /** After an edit: back to the listing's page, saved; a 404 when there was none. */
    private Response saved(ListingKind kind, long id, boolean found) {
        if (!found) {
            throw new NotFoundException();
        }
        flash.set("Saved.");
        return Response.seeOther(URI.create("/editor" + kind.publicPath + "/" + id)).build();
    }

    @POST
    @Path("jobs/{id}/delete")
    public Response deleteJob(@RestPath long id) {
        QuarkusTransaction.requiringNew().run(() -> Job.deleteById(id));
        flash.set("Job deleted.");
        return Response.seeOther(URI.create("/editor/jobs")).build();
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
