package dev.roundup.listings;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.RejectedFields;
import dev.roundup.web.Problem;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Projects and jobs for scripts: list, read, edit, moderate (one or many), delete. */
@Path("/api")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Listings")
public class ListingApiResource {

    @Inject
    Listings listings;

    @Inject
    ListingQueries queries;

    public record ProjectView(long id, String name, String url, String description, String repoUrl, String imageUrl,
            String makerName, String makerEmail, String status, String rejectReason, boolean featured, Instant submittedAt,
            Instant approvedAt, List<Integer> featuredIn) {
        static ProjectView of(Project p, List<Integer> issues) {
            return new ProjectView(p.id, p.name, p.url, p.description, p.repoUrl, p.imageUrl, p.makerName, p.makerEmail,
                    p.status.label(), p.rejectReason, p.featured, p.submittedAt, p.approvedAt, issues);
        }
    }

    public record JobView(long id, String title, String company, String location, String applyUrl, String description,
            String salary, String contactEmail, String status, String rejectReason, boolean featured, Instant submittedAt,
            Instant approvedAt, Instant expiresAt, boolean open, List<Integer> featuredIn) {
        static JobView of(Job j, List<Integer> issues) {
            return new JobView(j.id, j.title, j.company, j.location, j.applyUrl, j.description, j.salary, j.contactEmail,
                    j.status.label(), j.rejectReason, j.featured, j.submittedAt, j.approvedAt, j.expiresAt, j.isOpen(Instant.now()), issues);
        }
    }

    /** A moderation decision for one or many listings: approve, reject (with reason), feature, unfeature. */
    public record Decision(List<Long> ids, String action, String reason) {
    }

    @GET
    @Path("projects")
    @Operation(summary = "Projects, newest first: status (pending, published, rejected) and q (text) filter")
    public List<ProjectView> projects(@RestQuery String status, @RestQuery String q) {
        List<Project> list = queries.projects(status, q);
        Map<Long, List<Integer>> issues = ListingFeature.issuesFor(ListingFeature.PROJECT, list.stream().map(p -> p.id).toList());
        return list.stream().map(p -> ProjectView.of(p, issues.getOrDefault(p.id, List.of()))).toList();
    }

    @GET
    @Path("projects/{id}")
    public ProjectView project(@RestPath long id) {
        Project p = QuarkusTransaction.requiringNew().call(() -> Project.<Project>findByIdOptional(id)).orElseThrow(NotFoundException::new);
        return ProjectView.of(p, ListingFeature.issuesFor(ListingFeature.PROJECT, List.of(id)).getOrDefault(id, List.of()));
    }

    @PUT
    @Path("projects/{id}")
    @Operation(summary = "Edit a project's fields (all of them, as in the form)")
    public Response editProject(@RestPath long id, Listings.ProjectFields body) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Project p = Project.<Project>findByIdOptional(id).orElseThrow(NotFoundException::new);
                Listings.apply(p, body);
                p.updatedAt = Instant.now();
            });
            return Response.ok(project(id)).build();
        } catch (RejectedFields invalid) {
            return Problem.invalid("Project not changed", invalid.errors());
        }
    }

    @POST
    @Path("projects/moderate")
    @Operation(summary = "Approve, reject (with reason), feature or unfeature projects by id")
    public Response moderateProjects(Decision decision) {
        return moderate(decision, () -> listings.moderateProjects(decision.ids(), decision.action(), decision.reason()));
    }

    @DELETE
    @Path("projects/{id}")
    public Response deleteProject(@RestPath long id) {
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> Project.deleteById(id));
        return deleted ? Response.noContent().build() : Response.status(404).build();
    }

    @GET
    @Path("jobs")
    @Operation(summary = "Jobs, newest first: status and q filter")
    public List<JobView> jobs(@RestQuery String status, @RestQuery String q) {
        List<Job> list = queries.jobs(status, q);
        Map<Long, List<Integer>> issues = ListingFeature.issuesFor(ListingFeature.JOB, list.stream().map(j -> j.id).toList());
        return list.stream().map(j -> JobView.of(j, issues.getOrDefault(j.id, List.of()))).toList();
    }

    @GET
    @Path("jobs/{id}")
    public JobView job(@RestPath long id) {
        Job j = QuarkusTransaction.requiringNew().call(() -> Job.<Job>findByIdOptional(id)).orElseThrow(NotFoundException::new);
        return JobView.of(j, ListingFeature.issuesFor(ListingFeature.JOB, List.of(id)).getOrDefault(id, List.of()));
    }

    @PUT
    @Path("jobs/{id}")
    @Operation(summary = "Edit a job's fields (all of them, as in the form)")
    public Response editJob(@RestPath long id, Listings.JobFields body) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Job j = Job.<Job>findByIdOptional(id).orElseThrow(NotFoundException::new);
                Listings.apply(j, body);
                j.updatedAt = Instant.now();
            });
            return Response.ok(job(id)).build();
        } catch (RejectedFields invalid) {
            return Problem.invalid("Job not changed", invalid.errors());
        }
    }

    @POST
    @Path("jobs/moderate")
    @Operation(summary = "Approve, reject (with reason), feature or unfeature jobs by id")
    public Response moderateJobs(Decision decision) {
        return moderate(decision, () -> listings.moderateJobs(decision.ids(), decision.action(), decision.reason()));
    }

    @DELETE
    @Path("jobs/{id}")
    public Response deleteJob(@RestPath long id) {
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> Job.deleteById(id));
        return deleted ? Response.noContent().build() : Response.status(404).build();
    }

    private static Response moderate(Decision decision, java.util.function.IntSupplier action) {
        if (decision == null || decision.ids() == null || decision.ids().isEmpty() || decision.action() == null) {
            return Problem.of(400, "Bad request", "Send {\"ids\": [...], \"action\": \"approve|reject|feature|unfeature\", \"reason\": \"...\"}.");
        }
        try {
            return Response.ok(Map.of("changed", action.getAsInt())).build();
        } catch (IllegalArgumentException unknown) {
            return Problem.of(400, "Bad request", unknown.getMessage());
        }
    }
}
