package dev.roundup.feeds;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

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

import dev.roundup.settings.NewsletterSettings;
import dev.roundup.web.Problem;
import dev.roundup.web.Roles;
import io.quarkus.panache.common.Page;

/** Feeds and collected posts for scripts. */
@Path("/api")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feeds")
public class FeedApiResource {

    @Inject
    Feeds feeds;

    @Inject
    FeedCollector collector;

    @Inject
    River river;

    @Inject
    NewsletterSettings newsletter;

    /** A feed with its health. */
    public record FeedView(long id, String url, String siteUrl, String title, String notes, boolean enabled, String health,
            String disabledReason, Instant lastFetchAt, Integer lastStatus, int lastNewPosts, int lastSkippedEntries,
            int consecutiveFailures, String lastError, Instant nextFetchAt) {
        static FeedView of(Feed f) {
            return new FeedView(f.id, f.url, f.siteUrl, f.title, f.notes, f.enabled, f.health(), f.disabledReason,
                    f.lastFetchAt, f.lastStatus, f.lastNewPosts, f.lastSkippedEntries, f.consecutiveFailures, f.lastError,
                    f.nextFetchAt);
        }
    }

    public record NewFeed(String url, String title, String notes) {
    }

    public record FeedChange(String title, String notes, Boolean enabled) {
    }

    /** A collected post; contentHtml is sanitized. */
    public record PostView(long id, String url, String title, String author, String blog, Instant publishedAt,
            Instant firstSeenAt, String excerpt, String contentHtml, int sources) {
        static PostView of(Post p) {
            return new PostView(p.id, p.canonicalUrl, p.title, p.author, p.blogName, p.publishedAt, p.firstSeenAt,
                    p.excerpt, p.contentHtml, p.sourceCount);
        }
    }

    @GET
    @Path("feeds")
    @Operation(summary = "All feeds with their health")
    public List<FeedView> list() {
        return Feed.listForEditor().stream().map(FeedView::of).toList();
    }

    @POST
    @Path("feeds")
    @Operation(summary = "Add a feed by its URL or by a page that announces it; fetched at once")
    public Response add(NewFeed body) {
        if (body == null) {
            return Problem.of(400, "Bad request", "Send a JSON body with url (and optionally title, notes).");
        }
        return Response.status(201).entity(FeedView.of(feeds.add(body.url(), body.title(), body.notes()))).build();
    }

    @GET
    @Path("feeds/{id}")
    public FeedView get(@RestPath long id) {
        return FeedView.of(feeds.get(id).orElseThrow(NotFoundException::new));
    }

    @PUT
    @Path("feeds/{id}")
    @Operation(summary = "Change a feed's title, notes or enabled flag")
    public FeedView update(@RestPath long id, FeedChange body) {
        Feed current = feeds.get(id).orElseThrow(NotFoundException::new);
        FeedChange change = body == null ? new FeedChange(null, null, null) : body;
        return FeedView.of(feeds.update(id, change.title() != null ? change.title() : current.title,
                change.notes() != null ? change.notes() : current.notes,
                change.enabled() != null ? change.enabled() : current.enabled));
    }

    @DELETE
    @Path("feeds/{id}")
    @Operation(summary = "Delete a feed; keepPosts=false also deletes the posts no other feed carries")
    public Response delete(@RestPath long id, @RestQuery Boolean keepPosts) {
        feeds.get(id).orElseThrow(NotFoundException::new);
        long deleted = feeds.delete(id, keepPosts == null || keepPosts);
        return Response.ok(java.util.Map.of("deletedPosts", deleted)).build();
    }

    @POST
    @Path("feeds/{id}/fetch")
    @Operation(summary = "Fetch a feed now")
    public FeedView fetch(@RestPath long id) {
        feeds.get(id).orElseThrow(NotFoundException::new);
        collector.collect(id);
        return get(id);
    }

    @GET
    @Path("posts")
    @Operation(summary = "Posts published on the days from to to (both included, in the newsletter time zone), newest first")
    public Response posts(@RestQuery String from, @RestQuery String to, @RestQuery Long feed, @RestQuery Integer page,
            @RestQuery Integer size) {
        Instant start;
        Instant end;
        try {
            start = from == null ? Instant.EPOCH : LocalDate.parse(from).atStartOfDay(newsletter.zone()).toInstant();
            end = to == null ? null : LocalDate.parse(to).plusDays(1).atStartOfDay(newsletter.zone()).toInstant();
        } catch (DateTimeParseException e) {
            return Problem.of(400, "Bad request", "Dates are YYYY-MM-DD, e.g. from=2026-03-09&to=2026-03-16.");
        }
        int pageSize = size == null ? 100 : Math.max(1, Math.min(size, 500));
        List<PostView> posts = river.recent(start, end, feed).page(Page.of(page == null ? 0 : Math.max(0, page), pageSize))
                .list().stream().map(PostView::of).toList();
        return Response.ok(posts).build();
    }
}
