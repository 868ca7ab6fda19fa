package dev.roundup.publishing;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The public front page: what the newsletter is, the sign-up form and the latest issue. Here, beside the archive it
 * shows the latest issue of, rather than in {@code web}, which depends on no feature.
 */
@Path("/")
public class HomeResource {

    @Inject
    Archive archive;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Map<String, String> values, Map<String, String> errors, Archive.Listed latest);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return Templates.home(Map.of(), Map.of(), archive.latest());
    }
}
