package dev.roundup.editor;

import java.net.URI;
import java.util.List;

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

import dev.roundup.web.Flash;
import dev.roundup.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/** Who can get in by script: every editor's API tokens, and whether passwords work over HTTP Basic. Admins only, but
 * any editor revokes their own tokens here. */
@Path("/editor")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.TEXT_HTML)
public class AccessResource {

    @Inject
    ApiTokens tokens;

    @Inject
    AccessSettings settings;

    @Inject
    SecurityIdentity identity;

    @Inject
    Flash flash;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance access(List<ApiToken> tokens, boolean passwordsForApi);
    }

    @GET
    @Path("access")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance access() {
        return Templates.access(tokens.list(identity.getPrincipal().getName(), true), settings.passwordsForApi());
    }

    @POST
    @Path("settings")
    @RolesAllowed(Roles.ADMIN)
    public Response saveSettings(@RestForm boolean passwordsForApi) {
        settings.setPasswordsForApi(passwordsForApi);
        flash.set(passwordsForApi ? "Scripts may sign in with an editor's password (HTTP Basic) or a token."
                : "Scripts must use an API token: passwords over HTTP Basic are refused.");
        return Response.seeOther(URI.create("/editor/access")).build();
    }

    /** Revokes a token: the editor's own, or, for an admin, anyone's. It stops working at once. */
    @POST
    @Path("tokens/{id}/revoke")
    public Response revoke(@RestPath long id) {
        ApiToken revoked = tokens.revoke(identity.getPrincipal().getName(), id);
        flash.set("Revoked the token \"" + revoked.name + "\".");
        boolean own = revoked.editor.email.equals(identity.getPrincipal().getName());
        return Response.seeOther(URI.create(own ? "/editor/editors" : "/editor/access")).build();
    }
}
