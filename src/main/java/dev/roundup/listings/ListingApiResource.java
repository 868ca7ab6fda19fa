package dev.roundup.listings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.web.Problem;
import dev.roundup.web.Roles;
import io.quarkus.hibernate.orm.panache.Panache;
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
    @Schema(name = "ModerationDecision")
    public record Decision(List<Long> ids,
            @Schema(enumeration = { "approve", "reject", "feature", "unfeature" }) String action, String reason) {
    }

    @GET
    @Path("projects")
    @Operation(summary = "Projects, newest first: status (pending, published, rejected) and q (text) filter")
    public List<ProjectView> projects(@RestQuery String status, @RestQuery String q) {
        return shown(ListingKind.PROJECT, queries.projects(status, q), ProjectView::of);
    }

    @GET
    @Path("projects/{id}")
    public ProjectView project(@RestPath long id) {
        return one(ListingKind.PROJECT, id, ProjectView::of);
    }

    @PUT
    @Path("projects/{id}")
    @Operation(summary = "Edit a project's fields (all of them, as in the form)")
    public Response editProject(@RestPath long id, Listings.ProjectFields body) {
        return edit(ListingKind.PROJECT, id, body, () -> project(id));
    }

    @POST
    @Path("projects/moderate")
    @Operation(summary = "Approve, reject (with reason), feature or unfeature projects by id")
    public Response moderateProjects(Decision decision) {
        return moderate(ListingKind.PROJECT, decision);
    }

    @DELETE
    @Path("projects/{id}")
    public Response deleteProject(@RestPath long id) {
        return delete(ListingKind.PROJECT, id);
    }

    @GET
    @Path("jobs")
    @Operation(summary = "Jobs, newest first: status and q filter")
    public List<JobView> jobs(@RestQuery String status, @RestQuery String q) {
        return shown(ListingKind.JOB, queries.jobs(status, q), JobView::of);
    }

    @GET
    @Path("jobs/{id}")
    public JobView job(@RestPath long id) {
        return one(ListingKind.JOB, id, JobView::of);
    }

    @PUT
    @Path("jobs/{id}")
    @Operation(summary = "Edit a job's fields (all of them, as in the form)")
    public Response editJob(@RestPath long id, Listings.JobFields body) {
        return edit(ListingKind.JOB, id, body, () -> job(id));
    }

    @POST
    @Path("jobs/moderate")
    @Operation(summary = "Approve, reject (with reason), feature or unfeature jobs by id")
    public Response moderateJobs(Decision decision) {
        return moderate(ListingKind.JOB, decision);
    }

    @DELETE
    @Path("jobs/{id}")
    public Response deleteJob(@RestPath long id) {
        return delete(ListingKind.JOB, id);
    }

    /** Each listing as its kind's view, with the issues that featured it. */
    private static <L extends Listing, V> List<V> shown(ListingKind kind, List<L> list, BiFunction<L, List<Integer>, V> view) {
        Map<Long, List<Integer>> issues = ListingFeature.issuesFor(kind.word, list.stream().map(l -> l.id).toList());
        return list.stream().map(l -> view.apply(l, issues.getOrDefault(l.id, List.of()))).toList();
    }

    private static <L extends Listing, V> V one(ListingKind kind, long id, BiFunction<L, List<Integer>, V> view) {
        @SuppressWarnings("unchecked")
        L listing = (L) QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().find(kind.entity, id));
        if (listing == null) {
            throw new NotFoundException();
        }
        return view.apply(listing, ListingFeature.issuesFor(kind.word, List.of(id)).getOrDefault(id, List.of()));
    }

    private static Response edit(ListingKind kind, long id, Listings.ListingFields<?> body, Supplier<Object> shown) {
        if (!Listings.edit(kind, id, body, l -> { })) {
            throw new NotFoundException();
        }
        return Response.ok(shown.get()).build();
    }

    private Response moderate(ListingKind kind, Decision decision) {
        if (decision == null || decision.ids() == null || decision.ids().isEmpty() || decision.action() == null) {
            return Problem.of(400, "Bad request", "Send {\"ids\": [...], \"action\": \"approve|reject|feature|unfeature\", \"reason\": \"...\"}.");
        }
        return Response.ok(Map.of("changed", listings.moderate(kind, decision.ids(), decision.action(), decision.reason()))).build();
    }

    private static Response delete(ListingKind kind, long id) {
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createQuery("delete from " + kind.entityName() + " where id = ?1").setParameter(1, id).executeUpdate() == 1);
        return deleted ? Response.noContent().build() : Response.status(404).build();
    }
}
