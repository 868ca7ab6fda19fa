package dev.roundup.web;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem body for the JSON API: status, title, detail, and per-field errors when a form-like body was rejected. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(int status, String title, String detail, Map<String, String> errors) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    public static Response of(int status, String title, String detail) {
        return new Problem(status, title, detail, null).toResponse();
    }

    public static Response invalid(String title, Map<String, String> errors) {
        return new Problem(400, title, String.join(" ", errors.values()), errors).toResponse();
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
