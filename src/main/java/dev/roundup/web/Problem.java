package dev.roundup.web;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.vertx.core.json.JsonObject;

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

    /** The body as JSON text, for answers written below JAX-RS (a Vert.x filter, the sign-in challenge). */
    public String json() {
        JsonObject json = new JsonObject().put("status", status).put("title", title).put("detail", detail);
        return errors == null ? json.encode() : json.put("errors", new JsonObject(new java.util.LinkedHashMap<String, Object>(errors))).encode();
    }

    /** Whether a path is the JSON API's, whose refusals are problems. */
    public static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/api");
    }

    /** The title of a problem with this status: the same words for the same status everywhere. */
    public static String titleFor(int status) {
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
}
