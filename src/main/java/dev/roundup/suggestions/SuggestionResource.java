package dev.roundup.suggestions;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.Rejected;
import dev.roundup.listings.ListingsConfig;
import dev.roundup.web.RateLimiter;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;

/**
 * The public "suggest a link" form, with the listings forms' protections: the CSRF token (every form), the hidden
 * honeypot field, and the same hourly allowance per client (projects, jobs and links count together).
 */
@Path("/suggest")
@Produces(MediaType.TEXT_HTML)
public class SuggestionResource {

    @Inject
    Suggestions suggestions;

    @Inject
    ListingsConfig config;

    @Inject
    RateLimiter limiter;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance suggest(Map<String, String> values, Map<String, String> errors);

        static native TemplateInstance thanks(boolean told);
    }

    @GET
    public TemplateInstance form() {
        return Templates.suggest(Map.of(), Map.of());
    }

    @POST
    public Response submit(@RestForm String url, @RestForm String note, @RestForm String name, @RestForm String email,
            @RestForm String website, RoutingContext rc) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("url", url);
        values.put("note", note);
        values.put("name", name);
        values.put("email", email);
        if (website != null && !website.isBlank()) {
            return Response.status(400).entity(Templates.suggest(values, Map.of("form",
                    "This suggestion looks automated and was not accepted. If you are a person, leave the hidden field empty."))).build();
        }
        // the same counter as the project and job forms: one allowance for everything a network sends in
        if (!limiter.allow("submit:" + RateLimiter.clientIp(rc), config.submissionsPerIpPerHour(), Duration.ofHours(1))) {
            return Response.status(429).header("Retry-After", "3600").entity(Templates.suggest(values, Map.of("form",
                    "Too many submissions from your network in the last hour. Please try again later."))).build();
        }
        try {
            suggestions.submit(new Suggestions.Fields(url, note, name, email));
            boolean told = email != null && !email.isBlank();
            return Response.seeOther(URI.create("/suggest/thanks" + (told ? "?told=true" : ""))).build();
        } catch (Rejected invalid) {
            // what the visitor typed comes back as typed, with each field's rule next to it
            return Response.status(400).entity(Templates.suggest(values, invalid.errors())).build();
        }
    }

    @GET
    @Path("thanks")
    public TemplateInstance thanks(@RestQuery boolean told) {
        return Templates.thanks(told);
    }
}
