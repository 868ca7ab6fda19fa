package dev.roundup.editor;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** Editor sign-in and sign-out. The password is checked by the same identity provider that checks HTTP Basic. */
@Path("/")
public class LoginResource {

    @Inject
    IdentityProviderManager identities;

    @Inject
    EditorSession sessions;

    @Inject
    Editors editors;

    @Inject
    CurrentVertxRequest current;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String email, String next, String error);
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form(@RestQuery String next) {
        return Templates.login("", safeNext(next), null);
    }

    @POST
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response login(@RestForm String email, @RestForm String password, @RestForm String next) {
        String normalized = Editors.normalizeEmail(email);
        try {
            if (normalized == null || password == null) {
                throw new AuthenticationFailedException();
            }
            identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(normalized,
                    new PasswordCredential(password.toCharArray())));
        } catch (AuthenticationFailedException wrong) {
            // one message for unknown email and wrong password: the form must not reveal who is an editor
            return Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.login(email, safeNext(next), "Wrong email or password.").render()).build();
        }
        editors.recordSignIn(normalized);
        current.getCurrent().response().addCookie(sessions.issue(normalized));
        return Response.seeOther(URI.create(safeNext(next))).build();
    }

    @POST
    @Path("logout")
    public Response logout() {
        current.getCurrent().response().addCookie(sessions.cleared());
        return Response.seeOther(URI.create("/")).build();
    }

    /** Only a path on this site: an open redirect would let a phishing link borrow our login page. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(Character::isISOControl)) {
            return "/editor";
        }
        return next;
    }
}
