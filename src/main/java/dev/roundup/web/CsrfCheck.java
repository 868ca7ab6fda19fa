package dev.roundup.web;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, with 403, any state-changing request that a browser could have been tricked into sending: every form
 * post, and every request riding on the session cookie, must carry the CSRF token. API calls with HTTP Basic and
 * a JSON body need none: a browser cannot send those across sites.
 */
public class CsrfCheck {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Csrf csrf;

    @Inject
    ErrorPages errorPages;

    @ServerRequestFilter
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext request, RoutingContext rc, ResourceInfo resource) {
        if (SAFE.contains(request.getMethod()) || isExempt(resource) || !needsToken(request, rc)) {
            return null;
        }
        String sent = request.getHeaderString(Csrf.HEADER);
        if (sent == null && isForm(request.getMediaType())) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(Csrf.FIELD, true, false);
            sent = field == null ? null : field.toString();
        }
        Cookie cookie = rc.request().getCookie(Csrf.COOKIE);
        if (csrf.matches(cookie == null ? null : cookie.getValue(), sent)) {
            return null;
        }
        return errorPages.response(rc.normalizedPath(), 403, "This form has expired",
                "The page was open too long or came from another site. Go back, reload the page and try again.");
    }

    /**
     * A browser can be made to send a cross-site form (urlencoded, multipart, text/plain) or a body-less POST, with
     * the session cookie or cached Basic credentials, but never a JSON body or a custom header without CORS, which
     * Roundup does not allow. So: forms and session-cookie requests need the token; Basic-authenticated scripts pass
     * with a JSON body or an {@value #SCRIPT_HEADER} header.
     */
    private static boolean needsToken(ResteasyReactiveContainerRequestContext request, RoutingContext rc) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false; // no browser attaches an API token by itself, so a token cannot ride on a cross-site request
        }
        boolean sessionCookie = rc.request().getCookie(SessionCookie.NAME) != null
                && authorization == null;
        if (sessionCookie || isForm(request.getMediaType())) {
            return true;
        }
        boolean json = request.getMediaType() != null && request.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE);
        return !json && request.getHeaderString(SCRIPT_HEADER) == null;
    }

    /** Scripts send this header (any value) with requests that have no JSON body, e.g. a CSV upload or a bare POST. */
    public static final String SCRIPT_HEADER = "X-Requested-By";

    private static boolean isForm(MediaType type) {
        return type != null && (MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)
                || MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(type));
    }

    private static boolean isExempt(ResourceInfo resource) {
        return resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(CsrfExempt.class);
    }
}
