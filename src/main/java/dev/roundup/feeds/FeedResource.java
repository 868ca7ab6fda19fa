package dev.roundup.feeds;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.roundup.Rejected;
import dev.roundup.settings.NewsletterSettings;
import dev.roundup.web.Flash;
import dev.roundup.web.Roles;
import io.quarkus.panache.common.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The editor's feed pages: the list with each feed's health, adding, editing, fetching, deleting, OPML in and out. */
@Path("/editor/feeds")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.TEXT_HTML)
public class FeedResource {

    @Inject
    Feeds feeds;

    @Inject
    FeedCollector collector;

    @Inject
    Flash flash;

    @Inject
    NewsletterSettings newsletter;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Feed> feeds, Map<String, String> values, Map<String, String> errors);

        static native TemplateInstance feed(Feed feed, List<Post> posts, Map<String, String> errors);
    }

    @GET
    public TemplateInstance list() {
        return Templates.list(Feed.listForEditor(), Map.of(), Map.of());
    }

    @POST
    public Response add(@RestForm String url, @RestForm String title) {
        try {
            Feed feed = feeds.add(url, title, null);
            flash.set("Added “" + feed.displayName() + "” with " + feed.lastNewPosts + " posts.");
            return Response.seeOther(URI.create("/editor/feeds/" + feed.id)).build();
        } catch (Rejected rejected) {
            return Response.status(400).entity(Templates.list(Feed.listForEditor(),
                    Map.of("url", url == null ? "" : url, "title", title == null ? "" : title), rejected.errors())).build();
        }
    }

    /**
     * Imports an OPML upload, then redirects to the list (POST-redirect-GET): the outcome travels as a flash message,
     * so reloading the page shows the list, not a second import.
     */
    @POST
    @Path("import")
    public Response importOpml(@RestForm("opml") FileUpload upload) throws java.io.IOException {
        if (upload == null || upload.uploadedFile() == null) {
            return Response.status(400).entity(Templates.list(Feed.listForEditor(), Map.of(), Map.of("opml", "Choose an OPML file to import."))).build();
        }
        String opml = Files.readString(upload.uploadedFile(), StandardCharsets.UTF_8);
        List<Feeds.ImportLine> report = feeds.importOpml(opml);
        if (report.isEmpty()) {
            return Response.status(400).entity(Templates.list(Feed.listForEditor(), Map.of(), Map.of("opml",
                    "No feeds found in this file: an OPML file lists each feed as an outline with an xmlUrl."))).build();
        }
        long added = report.stream().filter(l -> l.outcome().equals("added")).count();
        long present = report.stream().filter(l -> l.outcome().equals("already present")).count();
        List<Feeds.ImportLine> refused = report.stream().filter(l -> !l.outcome().equals("added") && !l.outcome().equals("already present")).toList();
        StringBuilder message = new StringBuilder("OPML import: " + report.size() + " feeds read, " + added + " added"
                + (added > 0 ? " (being fetched in the background)" : "") + ", " + present + " already present");
        if (refused.isEmpty()) {
            flash.set(message.append('.').toString());
        } else {
            message.append(", ").append(refused.size()).append(" not added: ");
            refused.stream().limit(5).forEach(l -> message.append(shorten(l.url())).append(" (").append(shorten(l.outcome())).append("); "));
            message.setLength(message.length() - 2);
            flash.warning(message.append(refused.size() > 5 ? " and " + (refused.size() - 5) + " more." : ".").toString());
        }
        return Response.seeOther(URI.create("/editor/feeds")).build();
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    @GET
    @Path("opml")
    @Produces("text/x-opml;charset=UTF-8")
    public Response exportOpml() {
        return Response.ok(Opml.write(newsletter.name() + " feeds", Feed.listForEditor()))
                .header("Content-Disposition", "attachment; filename=\"roundup-feeds.opml\"").build();
    }

    @POST
    @Path("fetch")
    public Response fetchAll() {
        List<Long> ids = Feed.<Feed>list("enabled", true).stream().map(f -> f.id).toList();
        List<FeedCollector.Outcome> outcomes = collector.collect(ids);
        flash.set("Fetched " + outcomes.size() + " feeds: " + outcomes.stream().mapToInt(FeedCollector.Outcome::newPosts).sum()
                + " new posts, " + outcomes.stream().filter(o -> !o.ok()).count() + " failed.");
        return Response.seeOther(URI.create("/editor/feeds")).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance feed(@RestPath long id) {
        Feed feed = find(id);
        return Templates.feed(feed, recentPosts(feed), Map.of());
    }

    @POST
    @Path("{id}")
    public Response update(@RestPath long id, @RestForm String title, @RestForm String notes, @RestForm boolean enabled) {
        feeds.update(id, title, notes, enabled);
        flash.set("Saved.");
        return Response.seeOther(URI.create("/editor/feeds/" + id)).build();
    }

    @POST
    @Path("{id}/fetch")
    public Response fetch(@RestPath long id) {
        FeedCollector.Outcome outcome = collector.collect(id);
        flash.set(outcome.ok() ? Flash.Kind.SUCCESS : Flash.Kind.ERROR,
                outcome.ok() ? "Fetched: " + outcome.newPosts() + " new posts." : "Fetch failed: " + outcome.error());
        return Response.seeOther(URI.create("/editor/feeds/" + id)).build();
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id, @RestForm String posts) {
        Feed feed = find(id);
        boolean keep = !"delete".equals(posts);
        long deleted = feeds.delete(id, keep);
        flash.set("Deleted the feed “" + feed.displayName() + "”" + (keep ? "; its posts were kept." : " and " + deleted + " of its posts."));
        return Response.seeOther(URI.create("/editor/feeds")).build();
    }

    private static Feed find(long id) {
        return Feed.<Feed>findByIdOptional(id).orElseThrow(NotFoundException::new);
    }

    private static List<Post> recentPosts(Feed feed) {
        return Post.find("id in (select s.post.id from PostSource s where s.feed = ?1) order by publishedAt desc", feed)
                .page(Page.ofSize(20)).list();
    }
}
