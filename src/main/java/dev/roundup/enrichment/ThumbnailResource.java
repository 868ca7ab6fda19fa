package dev.roundup.enrichment;

import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import dev.roundup.NotFound;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Serves the thumbnails Roundup made, so that an email's or a page's pictures come from Roundup and readers' mail
 * clients never contact the linked sites. Public, like the archive; an address names the picture's hash, so an
 * answer never changes and is cached for a year.
 */
@Path("/thumbnails")
public class ThumbnailResource {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    /** Where the thumbnail {@code id} is served, below the base URL. */
    public static String path(String id) {
        return "/thumbnails/" + id;
    }

    @GET
    @Path("{id}")
    public Response thumbnail(@RestPath String id) {
        if (!ID.matcher(id).matches()) {
            throw new NotFound("No such thumbnail.");
        }
        Thumbnail t = QuarkusTransaction.requiringNew().call(() -> Thumbnail.<Thumbnail>findById(id));
        if (t == null) {
            throw new NotFound("No such thumbnail.");
        }
        return Response.ok(t.bytes, t.contentType)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("ETag", "\"" + t.id + "\"")
                .build();
    }
}
