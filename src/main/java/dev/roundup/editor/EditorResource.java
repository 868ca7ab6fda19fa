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
import org.jboss.resteasy.reactive.RestPath;

import dev.roundup.DomainException;
import dev.roundup.Rejected;
import dev.roundup.feeds.Feeds;
import dev.roundup.listings.ListingQueries;
import dev.roundup.subscribers.SubscriberDirectory;
import dev.roundup.web.Flash;
import dev.roundup.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * The editor's home: the dashboard, and the accounts of the people who run the newsletter. Every editor sees the
 * list, changes their password and keeps their own API tokens; only an admin adds, disables, removes editors or
 * changes their role.
 */
@Path("/editor")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.TEXT_HTML)
public class EditorResource {

    @Inject
    Editors editors;

    @Inject
    ApiTokens tokens;

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
    NextSteps nextSteps;

    @Inject
    CurrentVertxRequest current;

    @Inject
    SignInLimits limits;

    /** What the editors page shows besides the accounts: form input and errors, and a token just created. */
    record Forms(Map<String, String> values, Map<String, String> errors, Map<String, String> passwordErrors,
            Map<String, String> tokenErrors, ApiTokens.Created newToken) {
        static Forms none() {
            return new Forms(Map.of(), Map.of(), Map.of(), Map.of(), null);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Editor me, Feeds.Summary feeds, SubscriberDirectory.Counts subscribers,
                Map<String, Long> listings, NextSteps.Issues issues);

        static native TemplateInstance editors(List<Editor> editors, Editor me, List<ApiToken> tokens, Forms forms);
    }

    @GET
    public TemplateInstance dashboard() {
        return Templates.dashboard(me(), feeds.summary(), subscribers.counts(),
                Map.of("pendingProjects", listingQueries.projectCounts().get("pending"), "pendingJobs", listingQueries.jobCounts().get("pending")), nextSteps.issues());
    }

    @GET
    @Path("editors")
    public TemplateInstance editors() {
        return page(Forms.none());
    }

    @POST
    @Path("editors")
    @RolesAllowed(Roles.ADMIN)
    public Response add(@RestForm String email, @RestForm String name, @RestForm String password, @RestForm String role) {
        try {
            Editor added = editors.add(email, name, password, role);
            flash.set("Added " + added.email + ". Give them their password in person or over a secure channel.");
            return Response.seeOther(URI.create("/editor/editors")).build();
        } catch (Rejected rejected) {
            Map<String, String> values = Map.of("email", orEmpty(email), "name", orEmpty(name), "role", orEmpty(role));
            return Response.status(400).entity(page(new Forms(values, rejected.errors(), Map.of(), Map.of(), null))).build();
        }
    }

    /** An admin's change to another account: disable, enable, remove, or a new role. */
    @POST
    @Path("editors/{id}/{action:disable|enable|remove|role}")
    @RolesAllowed(Roles.ADMIN)
    public Response change(@RestPath long id, @RestPath String action, @RestForm String role) {
        try {
            Editor changed = switch (action) {
                case "disable" -> editors.disable(id);
                case "enable" -> editors.enable(id);
                case "remove" -> editors.remove(id);
                default -> editors.setRole(id, role);
            };
            flash.set(switch (action) {
                case "disable" -> "Disabled " + changed.email + ": their sessions and tokens no longer work.";
                case "enable" -> "Enabled " + changed.email + ".";
                case "remove" -> "Removed " + changed.email + ".";
                default -> changed.email + " is now " + (changed.isAdmin() ? "an admin." : "an editor.");
            });
            return Response.seeOther(URI.create("/editor/editors")).build();
        } catch (DomainException refused) {
            // shown above the list, the accounts' own place, not under the add-editor form's fields
            return Response.status(refused.status()).entity(page(new Forms(Map.of(), Map.of("editor", refused.getMessage()), Map.of(),
                    Map.of(), null))).build();
        }
    }

    @POST
    @Path("password")
    public Response changePassword(@RestForm("current") String currentPassword, @RestForm String password) {
        try {
            Editor changed = editors.changePassword(identity.getPrincipal().getName(), currentPassword, password);
            // a stolen cookie or a forgotten laptop: every other session ends; this one goes on
            sessions.endAllOthers(changed, current.getCurrent());
            flash.set("Your password has been changed. You are signed out everywhere else.");
            return Response.seeOther(URI.create("/editor/editors")).build();
        } catch (Rejected rejected) {
            return Response.status(400).entity(page(new Forms(Map.of(), Map.of(), rejected.errors(), Map.of(), null))).build();
        } catch (SignInLimits.Limited limited) {
            return Response.status(429).header("Retry-After", String.valueOf(limits.retryAfterSeconds()))
                    .entity(page(new Forms(Map.of(), Map.of(), Map.of("current", limits.waitMessage()), Map.of(), null))).build();
        }
    }

    /** Creates one of the editor's own API tokens and shows it, this once. */
    @POST
    @Path("tokens")
    public Response createToken(@RestForm String name) {
        try {
            ApiTokens.Created created = tokens.create(identity.getPrincipal().getName(), name);
            return Response.status(201).entity(page(new Forms(Map.of(), Map.of(), Map.of(), Map.of(), created)))
                    .header("Cache-Control", "no-store").build();
        } catch (Rejected rejected) {
            return Response.status(400).entity(page(new Forms(Map.of(), Map.of(), Map.of(), rejected.errors(), null))).build();
        }
    }

    private TemplateInstance page(Forms forms) {
        return Templates.editors(Editor.listByEmail(), me(), tokens.list(identity.getPrincipal().getName(), false), forms);
    }

    private Editor me() {
        return editors.find(identity.getPrincipal().getName()).orElseThrow();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
