package dev.roundup.web;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.roundup.DomainException;
import dev.roundup.Rejected;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Every error a person or a script can cause, answered in their language: an RFC 9457 problem body
 * ({@code application/problem+json}) under {@code /api}, a friendly page everywhere else. Never a stack trace.
 * A feature's {@link DomainException} is mapped here, once; a form that shows the refusal beside its fields catches
 * it itself and re-renders.
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
        if (Problem.isApi(path)) {
            return Problem.of(status, title, detail);
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(status, title, detail).render()).build();
    }

    /** What a feature refused: its status and message, and under {@code /api} the fields it names. */
    @ServerExceptionMapper
    public Response refused(DomainException e, UriInfo uri) {
        int status = e.status();
        String path = uri.getPath();
        if (Problem.isApi(path)) {
            Map<String, String> errors = e instanceof Rejected r && !r.errors().isEmpty() ? r.errors() : null;
            return new Problem(status, Problem.titleFor(status), e.getMessage(), errors).toResponse();
        }
        return response(path, status, Problem.titleFor(status), e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getResponse().hasEntity() || status < 400) {
            return e.getResponse();
        }
        return response(uri.getPath(), status, Problem.titleFor(status), detailFor(status, e));
    }

    /**
     * A role check refused (every {@code /api} and editor path needs the editor role, which every editor has, so the
     * role missing is admin). Pages keep Quarkus' bare 403, as before.
     */
    @ServerExceptionMapper
    public Response roleMissing(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        if (Problem.isApi(uri.getPath())) {
            return Problem.of(403, Problem.titleFor(403), ONLY_ADMINS);
        }
        return Response.status(403).build();
    }

    /** What an editor who is not an admin is told when the operation is an admin's. */
    public static final String ONLY_ADMINS = "Only an admin may do this.";

    /** Broken percent-encoding in a form body ({@code email=%ZZ}) fails in the framework's decoder: the sender's mistake. */
    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e, UriInfo uri) {
        if (isFromDecoding(e)) {
            return response(uri.getPath(), 400, "Bad request", BROKEN_ESCAPE);
        }
        return unexpected(e, uri);
    }

    /** A JSON body of the wrong shape: say which field, without echoing a value that may be 100,000 characters long. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidDefinitionException
                || e instanceof com.fasterxml.jackson.core.JsonGenerationException
                || e.getProcessor() instanceof com.fasterxml.jackson.core.JsonGenerator) {
            return unexpected(e, uri); // Roundup's own type or answer could not be (de)serialized: a bug, not a mistake
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            // its message names the Java class; the sender needs only the field
            return response(uri.getPath(), 400, "Bad request", "The JSON body has a field this operation does not take: "
                    + shortened(unknown.getPropertyName()) + ".");
        }
        String field = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining(".")) : "";
        String where = field.isEmpty() ? "" : " at field " + field;
        String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
        if (reason.length() > 160) {
            reason = reason.substring(0, 160) + "…";
        }
        return response(uri.getPath(), 400, "Bad request", "The JSON body could not be read" + where + ": " + reason);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof jakarta.persistence.OptimisticLockException) {
                // logged, so that a lost update that is Roundup's own bug, not two people at once, can be seen
                LOG.warnf("Optimistic lock conflict on %s: %s", uri.getPath(), cause.getMessage());
                // two changes to one row at the same moment (an import while the confirmation queue sends): say so
                return response(uri.getPath(), 409, "Conflict",
                        "Something else changed the same data at the same moment. Nothing was saved; try again.");
            }
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "Unexpected error %s on %s", reference, uri.getPath());
        return response(uri.getPath(), 500, "Something went wrong",
                "Roundup hit an unexpected error. It has been logged with reference " + reference + ".");
    }

    private static String shortened(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static final String BROKEN_ESCAPE = "The request has a broken %-escape (such as %ZZ, or a lone %)."
            + " Encode a literal percent sign as %25.";

    /** An API answer that is an error but has no body (a bare {@code 404} from a resource) gets a problem body. */
    @ServerResponseFilter
    public void problemForBareErrors(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        int status = response.getStatus();
        if (status >= 400 && !response.hasEntity() && Problem.isApi(path)) {
            response.setEntity(new Problem(status, Problem.titleFor(status), status == 404 ? "There is nothing at this address." : Problem.titleFor(status) + ".", null),
                    new java.lang.annotation.Annotation[0], Problem.MEDIA_TYPE);
        }
    }

    private static boolean isFromDecoding(IllegalArgumentException e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().endsWith(".URLUtils") || frame.getClassName().endsWith("FormEncodedDataDefinition$FormEncodedDataParser")) {
                return true;
            }
        }
        return false;
    }

    private static String detailFor(int status, WebApplicationException e) {
        if (status == 404) {
            return "There is nothing at this address.";
        }
        String message = e.getMessage();
        return message == null || message.startsWith("HTTP ") ? Problem.titleFor(status) + "." : message;
    }
}
