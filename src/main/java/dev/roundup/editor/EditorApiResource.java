package dev.roundup.editor;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import dev.roundup.web.Problem;
import dev.roundup.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Editor accounts for scripts: who am I, who are the editors; for admins, add, disable, enable, remove, change a role,
 * and the access settings.
 */
@Path("/api")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Editors")
public class EditorApiResource {

    @Inject
    Editors editors;

    @Inject
    AccessSettings settings;

    @Inject
    SecurityIdentity identity;

    /** An editor as the API shows it: never the password hash. */
    public record EditorView(long id, String email, String name, String role, boolean disabled, Instant createdAt,
            Instant lastLoginAt) {
        static EditorView of(Editor e) {
            return new EditorView(e.id, e.email, e.name, e.role, !e.isActive(), e.createdAt, e.lastLoginAt);
        }
    }

    public record NewEditor(String email, String name, String password, String role) {
    }

    public record RoleChange(String role) {
    }

    /** The access settings: whether passwords over HTTP Basic open {@code /api}. */
    @Schema(name = "AccessSettings")
    public record Settings(Boolean passwordsForApi) {
    }

    @GET
    @Path("me")
    @Operation(summary = "The signed-in editor")
    public EditorView me() {
        return EditorView.of(editors.find(identity.getPrincipal().getName()).orElseThrow());
    }

    @GET
    @Path("editors")
    @Operation(summary = "All editors")
    public List<EditorView> list() {
        return Editor.listByEmail().stream().map(EditorView::of).toList();
    }

    @POST
    @Path("editors")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add an editor (admins)")
    public Response add(NewEditor body) {
        if (body == null) {
            return Problem.of(400, "Bad request", "Send a JSON body with email, name, password and optionally role.");
        }
        Editor added = editors.add(body.email(), body.name(), body.password(), body.role());
        return Response.status(201).entity(EditorView.of(added)).build();
    }

    @POST
    @Path("editors/{id}/disable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Disable an editor: no sign-in, sessions and tokens stop working (admins)")
    public EditorView disable(@RestPath long id) {
        return EditorView.of(editors.disable(id));
    }

    @POST
    @Path("editors/{id}/enable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Enable a disabled editor (admins)")
    public EditorView enable(@RestPath long id) {
        return EditorView.of(editors.enable(id));
    }

    @PUT
    @Path("editors/{id}/role")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Make an editor an admin, or an admin an editor (admins)")
    public EditorView role(@RestPath long id, RoleChange body) {
        return EditorView.of(editors.setRole(id, body == null ? null : body.role()));
    }

    @DELETE
    @Path("editors/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Remove an editor, their sessions and tokens (admins)")
    public Response remove(@RestPath long id) {
        editors.remove(id);
        return Response.noContent().build();
    }

    @GET
    @Path("settings")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Access settings (admins)")
    public Settings settings() {
        return new Settings(settings.passwordsForApi());
    }

    @PUT
    @Path("settings")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change access settings (admins)")
    public Response saveSettings(Settings body) {
        if (body == null || body.passwordsForApi() == null) {
            return Problem.of(400, "Bad request", "Send a JSON body like {\"passwordsForApi\": false}.");
        }
        settings.setPasswordsForApi(body.passwordsForApi());
        return Response.ok(new Settings(settings.passwordsForApi())).build();
    }
}
