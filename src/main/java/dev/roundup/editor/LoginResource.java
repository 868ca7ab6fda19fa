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
import io.quarkus.elytron.security.common.BcryptUtil;
import io.vertx.ext.web.RoutingContext;
import dev.roundup.web.RateLimiter;
import java.time.Duration;

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

    @Inject
    RateLimiter limiter;

    private static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    private static final String TIMING_HASH = BcryptUtil.bcryptHash("roundup-timing-equaliser");

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
        String normalized = Editors.normalizeEmail(email);
        String ip = RateLimiter.clientIp(rc);
        // only failures count: an editor who signs in often is never locked out
        if (limiter.recent("login:" + ip, FAILURE_WINDOW) >= 30
                || (normalized != null && limiter.recent("login-account:" + normalized, FAILURE_WINDOW) >= 10)) {
            return Response.status(429).header("Retry-After", "900").type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.login(email, safeNext(next), "Too many attempts. Wait a quarter of an hour and try again.").render())
                    .build();
        }
        try {
            if (normalized == null || password == null) {
                throw new AuthenticationFailedException();
            }
            if (editors.find(normalized).isEmpty()) {
                // as slow as a real check, so the answer's timing does not tell who is an editor
                BcryptUtil.matches(password, TIMING_HASH);
                throw new AuthenticationFailedException();
            }
            identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(normalized,
                    new PasswordCredential(password.toCharArray())));
        } catch (AuthenticationFailedException wrong) {
            limiter.record("login:" + ip);
            if (normalized != null) {
                limiter.record("login-account:" + normalized);
            }
            // one message for unknown email and wrong password: the form must not reveal who is an editor
            return Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.login(email, safeNext(next), "Wrong email or password.").render()).build();
        }
        current.getCurrent().response().addCookie(sessions.issue(editors.recordSignIn(normalized)));
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
