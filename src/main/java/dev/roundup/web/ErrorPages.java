package dev.roundup.web;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Every error a person or a script can cause, answered in their language: an RFC 9457 problem body
 * ({@code application/problem+json}) under {@code /api}, a friendly page everywhere else. Never a stack trace.
 */
@ApplicationScoped
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    /** A problem body for API paths, an error page for the rest. */
    public Response response(String path, int status, String title, String detail) {
        if (path.startsWith("/api/") || path.equals("/api")) {
            return Problem.of(status, title, detail);
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(status, title, detail).render()).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getResponse().hasEntity() || status < 400) {
            return e.getResponse();
        }
        return response(uri.getPath(), status, titleFor(status), detailFor(status, e));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Unexpected error %s on %s", reference, uri.getPath());
        return response(uri.getPath(), 500, "Something went wrong",
                "Roundup hit an unexpected error. It has been logged with reference " + reference + ".");
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Sign-in required";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 413 -> "Too large";
            case 415 -> "Unsupported content type";
            case 429 -> "Too many requests";
            default -> "Error " + status;
        };
    }

    private static String detailFor(int status, WebApplicationException e) {
        if (status == 404) {
            return "There is nothing at this address.";
        }
        String message = e.getMessage();
        return message == null || message.startsWith("HTTP ") ? titleFor(status) + "." : message;
    }
}
