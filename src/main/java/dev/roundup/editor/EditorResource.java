package dev.roundup.editor;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import dev.roundup.feeds.Feeds;
import dev.roundup.listings.ListingQueries;
import dev.roundup.subscribers.SubscriberDirectory;
import dev.roundup.web.Flash;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** The editor's home: the dashboard, and the accounts of the people who run the newsletter. */
@Path("/editor")
@RolesAllowed(Editor.ROLE)
@Produces(MediaType.TEXT_HTML)
public class EditorResource {

    @Inject
    Editors editors;

    @Inject
    SecurityIdentity identity;

    @Inject
    Flash flash;

    @Inject
    Feeds feeds;

    @Inject
    SubscriberDirectory subscribers;

    @Inject
    ListingQueries listingQueries;

    @Inject
    EditorSession sessions;

    @Inject
    CurrentVertxRequest current;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Editor me, Feeds.Summary feeds, SubscriberDirectory.Counts subscribers,
                Map<String, Long> listings);

        static native TemplateInstance editors(List<Editor> editors, Editor me, Map<String, String> values,
                Map<String, String> errors, Map<String, String> passwordErrors);
    }

    @GET
    public TemplateInstance dashboard() {
        return Templates.dashboard(me(), feeds.summary(), subscribers.counts(),
                Map.of("pendingProjects", listingQueries.projectCounts().get("pending"), "pendingJobs", listingQueries.jobCounts().get("pending")));
    }

    @GET
    @Path("editors")
    public TemplateInstance editors() {
        return Templates.editors(Editor.listByEmail(), me(), Map.of(), Map.of(), Map.of());
    }

    @POST
    @Path("editors")
    public Response add(@RestForm String email, @RestForm String name, @RestForm String password) {
        try {
            Editor added = editors.add(email, name, password);
            flash.set("Added " + added.email + ". Give them their password in person or over a secure channel.");
            return Response.seeOther(URI.create("/editor/editors")).build();
        } catch (Editors.Rejected rejected) {
            Map<String, String> values = Map.of("email", orEmpty(email), "name", orEmpty(name));
            return Response.status(400).entity(Templates.editors(Editor.listByEmail(), me(), values, rejected.errors(), Map.of()))
                    .build();
        }
    }

    @POST
    @Path("password")
    public Response changePassword(@RestForm("current") String currentPassword, @RestForm String password) {
        try {
            Editor changed = editors.changePassword(identity.getPrincipal().getName(), currentPassword, password);
            // every session issued under the old password has ended; this one goes on under the new
            current.getCurrent().response().addCookie(sessions.issue(changed));
            flash.set("Your password has been changed.");
            return Response.seeOther(URI.create("/editor/editors")).build();
        } catch (Editors.Rejected rejected) {
            return Response.status(400).entity(Templates.editors(Editor.listByEmail(), me(), Map.of(), Map.of(), rejected.errors()))
                    .build();
        }
    }

    private Editor me() {
        return editors.find(identity.getPrincipal().getName()).orElseThrow();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
