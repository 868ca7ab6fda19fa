package dev.roundup.editor;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roundup.web.Problem;
import io.quarkus.security.identity.SecurityIdentity;

/** Editor accounts for scripts: who am I, who are the editors, add one. HTTP Basic or the session. */
@Path("/api")
@RolesAllowed(Editor.ROLE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Editors")
public class EditorApiResource {

    @Inject
    Editors editors;

    @Inject
    SecurityIdentity identity;

    /** An editor as the API shows it: never the password hash. */
    public record EditorView(long id, String email, String name, Instant createdAt, Instant lastLoginAt) {
        static EditorView of(Editor e) {
            return new EditorView(e.id, e.email, e.name, e.createdAt, e.lastLoginAt);
        }
    }

    public record NewEditor(String email, String name, String password) {
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
    @Operation(summary = "Add an editor")
    public Response add(NewEditor body) {
        if (body == null) {
            return Problem.of(400, "Bad request", "Send a JSON body with email, name and password.");
        }
        try {
            Editor added = editors.add(body.email(), body.name(), body.password());
            return Response.status(201).entity(EditorView.of(added)).build();
        } catch (Editors.Rejected rejected) {
            return Problem.invalid("Invalid editor", rejected.errors());
        }
    }
}
