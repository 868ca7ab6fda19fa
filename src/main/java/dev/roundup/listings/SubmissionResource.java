package dev.roundup.listings;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.Rejected;
import dev.roundup.web.RateLimiter;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;

/** The community's side of listings: the submission forms and the public pages of published projects and open jobs. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SubmissionResource {

    @Inject
    Listings listings;

    @Inject
    ListingsConfig config;

    @Inject
    RateLimiter limiter;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance submit(ListingKind kind, Map<String, String> values, Map<String, String> errors);

        static native TemplateInstance thanks(String what);

        /** The public page of a kind: of {@code projects} and {@code jobs}, only the kind's list is filled. */
        static native TemplateInstance listings(ListingKind kind, List<Project> projects, List<Job> jobs, int page, boolean hasNext);
    }

    @GET
    @Path("submit/project")
    public TemplateInstance projectForm() {
        return Templates.submit(ListingKind.PROJECT, Map.of(), Map.of());
    }

    @POST
    @Path("submit/project")
    public Response submitProject(@RestForm String name, @RestForm String url, @RestForm String description,
            @RestForm String repoUrl, @RestForm String imageUrl, @RestForm String makerName, @RestForm String makerEmail,
            @RestForm String website, RoutingContext rc) {
        return submit(ListingKind.PROJECT, new Listings.ProjectFields(name, url, description, repoUrl, imageUrl, makerName, makerEmail),
                website, rc);
    }

    @GET
    @Path("submit/job")
    public TemplateInstance jobForm() {
        return Templates.submit(ListingKind.JOB, Map.of(), Map.of());
    }

    @POST
    @Path("submit/job")
    public Response submitJob(@RestForm String title, @RestForm String company, @RestForm String location,
            @RestForm String applyUrl, @RestForm String description, @RestForm String salary, @RestForm String contactEmail,
            @RestForm String website, RoutingContext rc) {
        return submit(ListingKind.JOB, new Listings.JobFields(title, company, location, applyUrl, description, salary, contactEmail),
                website, rc);
    }

    /** One submission for every kind: the bot guard, then the listing or the form again with each field's error. */
    private Response submit(ListingKind kind, Listings.ListingFields<?> fields, String website, RoutingContext rc) {
        Response refused = guard(website, rc, errors -> Templates.submit(kind, Map.of(), errors));
        if (refused != null) {
            return refused;
        }
        try {
            listings.submit(fields);
            return Response.seeOther(URI.create("/submit/thanks?what=" + kind.word)).build();
        } catch (Rejected invalid) {
            return Response.status(400).entity(Templates.submit(kind, fields.typed(), invalid.errors())).build();
        }
    }

    @GET
    @Path("submit/thanks")
    public TemplateInstance thanks(@RestQuery String what) {
        ListingKind kind = ListingKind.of(what);
        return Templates.thanks((kind == null ? ListingKind.PROJECT : kind).word);
    }

    @GET
    @Path("projects")
    public TemplateInstance projects(@RestQuery Integer page) {
        return published(ListingKind.PROJECT, page);
    }

    @GET
    @Path("jobs")
    public TemplateInstance jobs(@RestQuery Integer page) {
        return published(ListingKind.JOB, page);
    }

    /** One public page for every kind: what is published, newest first (a job while it is open, featured first). */
    private TemplateInstance published(ListingKind kind, Integer page) {
        int p = page == null ? 0 : Math.max(0, page);
        PanacheQuery<? extends Listing> query = (kind == ListingKind.PROJECT
                ? Project.<Project>find("status = ?1 order by approvedAt desc, id desc", ListingStatus.PUBLISHED)
                : Job.<Job>find("status = ?1 and expiresAt > ?2 order by featured desc, approvedAt desc, id desc",
                        ListingStatus.PUBLISHED, Instant.now())).page(Page.of(p, config.pageSize()));
        List<? extends Listing> shown = query.list();
        return Templates.listings(kind, ListingKind.only(Project.class, shown), ListingKind.only(Job.class, shown), p,
                query.hasNextPage());
    }

    /** Bots: the honeypot field and the per-IP allowance. Null when the submission may go on. */
    private Response guard(String website, RoutingContext rc, java.util.function.Function<Map<String, String>, TemplateInstance> page) {
        if (website != null && !website.isBlank()) {
            return Response.status(400).entity(page.apply(Map.of("form",
                    "This submission looks automated and was not accepted. If you are a person, leave the hidden field empty."))).build();
        }
        String ip = RateLimiter.clientIp(rc);
        if (!limiter.allow("submit:" + ip, config.submissionsPerIpPerHour(), Duration.ofHours(1))) {
            return Response.status(429).header("Retry-After", "3600").entity(page.apply(Map.of("form",
                    "Too many submissions from your network in the last hour. Please try again later."))).build();
        }
        return null;
    }
}
