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
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Editor sign-in and sign-out. The password is checked by {@link SignIn}, the same check (and attempt limiter) that
 * HTTP Basic goes through; signing in also gives the browser its device cookie (see {@link DeviceCookie}).
 */
@Path("/")
public class LoginResource {

    @Inject
    SignIn signIn;

    @Inject
    EditorSession sessions;

    @Inject
    DeviceCookie devices;

    @Inject
    Editors editors;

    @Inject
    SignInLimits limits;

    @Inject
    SecurityIdentity identity;

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
    public Response login(@RestForm String email, @RestForm String password, @RestForm String next, RoutingContext rc) {
        SignIn.Outcome outcome = signIn.password(email, password, EditorAuthenticationMechanism.client(rc));
        if (outcome.limited()) {
            return Response.status(429).header("Retry-After", String.valueOf(limits.retryAfterSeconds()))
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.login(email, safeNext(next), limits.waitMessage()).render())
                    .build();
        }
        if (!outcome.succeeded()) {
            // one message for unknown email, wrong password and disabled account: the form must not reveal who is an editor
            return Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.login(email, safeNext(next), "Wrong email or password.").render()).build();
        }
        Editor editor = editors.recordSignIn(outcome.editor().email);
        // the browser's previous session ends here: its cookie, if copied, must not outlive being replaced
        sessions.end(rc);
        rc.response().addCookie(sessions.issue(editor));
        rc.response().addCookie(devices.issue(editor.email));
        return Response.seeOther(URI.create(safeNext(next))).build();
    }

    /** Ends this browser's session: its cookie, even if copied first, is refused from now on by every instance. */
    @POST
    @Path("logout")
    public Response logout() {
        sessions.end(current.getCurrent());
        current.getCurrent().response().addCookie(sessions.cleared());
        return Response.seeOther(URI.create("/")).build();
    }

    /** Ends every session of the signed-in editor, on every browser and instance (a lost laptop, a shared computer). */
    @POST
    @Path("logout/everywhere")
    @Authenticated
    public Response logoutEverywhere() {
        sessions.endAll(editors.find(identity.getPrincipal().getName()).orElseThrow());
        current.getCurrent().response().addCookie(sessions.cleared());
        return Response.seeOther(URI.create("/login")).build();
    }

    /** Only a path on this site: an open redirect would let a phishing link borrow our login page. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(Character::isISOControl) || !isUri(next)) {
            return "/editor";
        }
        return next;
    }

    /** {@code /a b} is no address to redirect to: signing in still works, and lands on the dashboard. */
    private static boolean isUri(String path) {
        try {
            new URI(path);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
