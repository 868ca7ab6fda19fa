package dev.roundup.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The public front page: what the newsletter is, and (as features land) sign-up and the latest issue. */
@Path("/")
public class HomeResource {

    @jakarta.inject.Inject
    dev.roundup.publishing.Archive archive;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(java.util.Map<String, String> values, java.util.Map<String, String> errors,
                dev.roundup.publishing.Archive.Listed latest);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return Templates.home(java.util.Map.of(), java.util.Map.of(), archive.latest());
    }
}
