package dev.roundup.editor;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.web.ApiContract;
import dev.roundup.web.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/** API tokens for scripts: list, create (the token is in the answer, once), revoke. Admins see and revoke all. */
@Path("/api/tokens")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Editors")
public class TokenApiResource {

    @Inject
    ApiTokens tokens;

    @Inject
    SecurityIdentity identity;

    /** A token as listed: never its secret. */
    public record TokenView(long id, String name, String editor, Instant createdAt, Instant lastUsedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id, t.name, t.editor.email, t.createdAt, t.lastUsedAt);
        }
    }

    /** A token just created: {@code token} is the secret to send as {@code Authorization: Bearer}, shown only now. */
    public record CreatedToken(long id, String name, String editor, Instant createdAt, String token) {
    }

    public record NewToken(String name) {
    }

    @GET
    @Operation(summary = "Your API tokens; all=true: everyone's (admins)")
    @Extension(name = ApiContract.FORBIDDEN, value = "all=true, and you are not an admin: only an admin sees other editors' tokens.")
    public List<TokenView> list(@RestQuery boolean all) {
        return tokens.list(identity.getPrincipal().getName(), all).stream().map(TokenView::of).toList();
    }

    @POST
    @Operation(summary = "Create an API token; the answer holds it, and it is not shown again")
    public Response create(NewToken body) {
        ApiTokens.Created created = tokens.create(identity.getPrincipal().getName(), body == null ? null : body.name());
        ApiToken t = created.token();
        return Response.status(201).header("Cache-Control", "no-store")
                .entity(new CreatedToken(t.id, t.name, t.editor.email, t.createdAt, created.secret())).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API token: yours, or anyone's (admins)")
    @Extension(name = ApiContract.FORBIDDEN, value = "The token is another editor's, and you are not an admin: only an admin revokes it.")
    public Response revoke(@RestPath long id) {
        tokens.revoke(identity.getPrincipal().getName(), id);
        return Response.noContent().build();
    }
}
