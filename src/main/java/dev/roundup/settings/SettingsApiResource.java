package dev.roundup.settings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roundup.Rejected;
import dev.roundup.web.Problem;
import dev.roundup.web.Roles;

/**
 * The newsletter's settings for scripts, beside the access settings at {@code /api/settings}: the same values and
 * rules as the Settings page, and the deliverability checks. Admins only.
 */
@Path("/api")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Settings")
public class SettingsApiResource {

    @Inject
    NewsletterSettings settings;

    @Inject
    Deliverability deliverability;

    /** What is set in the database (absent: the configured default) and what is in force. */
    public record NewsletterView(Map<String, String> set, Map<String, String> inForce) {
    }

    /** The From domain and one check per DNS record. */
    public record DeliverabilityView(String domain, List<DnsCheck> checks) {
    }

    @GET
    @Path("settings/newsletter")
    @Operation(summary = "The newsletter's settings: set here, and in force (admins)")
    public NewsletterView newsletter() {
        return new NewsletterView(settings.setHere(), settings.inForce());
    }

    /**
     * Changes the settings the body names (others stay); an empty string or null goes back to the default. A value
     * that breaks its rule, or a name that is no setting, is a 400 naming the field, and nothing is saved.
     */
    @PUT
    @Path("settings/newsletter")
    @Operation(summary = "Change the newsletter's settings (admins)")
    public Response save(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            return Problem.of(400, "Bad request", "Send a JSON object of settings, like {\"name\": \"Weekly\"}.");
        }
        Map<String, String> raw = new HashMap<>();
        Map<String, String> unknown = new HashMap<>();
        body.forEach((k, v) -> {
            if (java.util.Arrays.stream(Setting.values()).noneMatch(s -> s.key.equals(k))) {
                unknown.put(k, "No such setting: " + k + ".");
            } else if (v instanceof Map || v instanceof List) {
                unknown.put(k, k + ": give a string or a number.");
            } else {
                raw.put(k, v == null ? null : v.toString());
            }
        });
        if (!unknown.isEmpty()) {
            throw new Rejected(unknown);
        }
        settings.save(SettingRules.check(raw));
        return Response.ok(newsletter()).build();
    }

    @GET
    @Path("settings/deliverability")
    @Operation(summary = "The DNS records to publish for the From domain, and what DNS holds (admins)")
    public DeliverabilityView deliverability() {
        Deliverability.Report report = deliverability.check();
        return new DeliverabilityView(report.domain(), report.checks());
    }
}
