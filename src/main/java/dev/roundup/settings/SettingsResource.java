package dev.roundup.settings;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import dev.roundup.Rejected;
import dev.roundup.web.Flash;
import dev.roundup.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The Settings page ({@code /editor/settings}, admins only): the newsletter's name, sender, footer, draft defaults,
 * schedule and time zone, saved in the database and applied to the next page, mail and draft; and the
 * deliverability tab with the DNS records to publish.
 */
@Path("/editor")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.TEXT_HTML)
public class SettingsResource {

    /** The choices for the draft's day: each day of the week, or off. */
    private static final List<String> DAYS = java.util.stream.Stream.concat(java.util.Arrays.stream(java.time.DayOfWeek.values()).map(Enum::name),
            java.util.stream.Stream.of("off")).toList();

    @Inject
    NewsletterSettings settings;

    @Inject
    Deliverability deliverability;

    @Inject
    Flash flash;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(Map<String, String> values, Map<String, String> inForce, Map<String, String> errors,
                List<String> days);

        static native TemplateInstance deliverability(String domain, List<DnsCheck> checks);
    }

    @GET
    @Path("settings")
    public TemplateInstance page() {
        return Templates.settings(settings.setHere(), settings.inForce(), Map.of(), DAYS);
    }

    /** Saves the form; a value that breaks its rule is a 400 with the page, the field named and the input kept. */
    @POST
    @Path("settings/newsletter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(MultivaluedMap<String, String> form) {
        Map<String, String> raw = new HashMap<>();
        for (Setting s : Setting.values()) {
            raw.put(s.key, form.getFirst(s.key));
        }
        try {
            settings.save(SettingRules.check(raw));
        } catch (Rejected invalid) {
            raw.replaceAll((k, v) -> v == null ? "" : v);
            return Response.status(400).entity(Templates.settings(raw, settings.inForce(), invalid.errors(), DAYS)).build();
        }
        flash.set("Saved. The next page, mail and draft use these settings.");
        return Response.seeOther(URI.create("/editor/settings")).build();
    }

    @GET
    @Path("settings/deliverability")
    public TemplateInstance deliverability() {
        Deliverability.Report report = deliverability.check();
        return Templates.deliverability(report.domain(), report.checks());
    }
}
