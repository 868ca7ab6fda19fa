package dev.roundup.subscribers;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import dev.roundup.TextRules;
import dev.roundup.EmailAddress;
import dev.roundup.web.RateLimiter;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;

/**
 * The public side of double opt-in: the sign-up form, the neutral "check your inbox", and the confirmation link,
 * which shows a button (GET) that confirms (POST).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignUpResource {

    @Inject
    Subscriptions subscriptions;

    @Inject
    SubscribersConfig config;

    @Inject
    RateLimiter limiter;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance subscribe(Map<String, String> values, Map<String, String> errors);

        static native TemplateInstance checkInbox();

        static native TemplateInstance confirmed(String outcome, String token);
    }

    @GET
    @Path("subscribe")
    public TemplateInstance form() {
        return Templates.subscribe(Map.of(), Map.of());
    }

    @POST
    @Path("subscribe")
    public Response subscribe(@RestForm String email, @RestForm String name, @RestForm String website, RoutingContext rc) {
        if (website != null && !website.isBlank()) {
            // the honeypot: a field people never see and bots always fill
            return Response.status(400).entity(Templates.subscribe(Map.of(), Map.of("email",
                    "This sign-up looks automated and was not accepted. If you are a person, leave the hidden field empty."))).build();
        }
        String ip = RateLimiter.clientIp(rc);
        if (!limiter.allow("signup:" + ip, config.signupsPerIpPerHour(), Duration.ofHours(1))) {
            return Response.status(429).header("Retry-After", "3600").entity(Templates.subscribe(values(email, name),
                    Map.of("email", "Too many sign-ups from your network in the last hour. Please try again later."))).build();
        }
        TextRules rules = new TextRules();
        rules.email("email", email);
        String cleanName = rules.name("name", name);
        if (!rules.ok()) {
            return Response.status(400).entity(Templates.subscribe(values(email, name), rules.errors())).build();
        }
        subscriptions.signUp(EmailAddress.parse(email).orElseThrow(), cleanName, ip, "form");
        return Response.seeOther(URI.create("/subscribe/check-inbox")).build();
    }

    @GET
    @Path("subscribe/check-inbox")
    public TemplateInstance checkInbox() {
        return Templates.checkInbox();
    }

    /**
     * The link in the confirmation mail: a page with one button, changing nothing. Mail security scanners fetch every
     * link in a message (GET and HEAD); if opening the link confirmed, a bot could sign anyone up with their address.
     */
    @GET
    @Path("confirm/{token}")
    public Response confirmPage(@RestPath String token) {
        return answer(subscriptions.checkConfirmation(token), token);
    }

    /**
     * The button: confirms. Guarded against cross-site posts like every form: the page that shows the button has
     * just set the CSRF cookie, so the reader's own click always carries the token.
     */
    @POST
    @Path("confirm/{token}")
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD })
    public Response confirm(@RestPath String token) {
        return answer(subscriptions.confirm(token), token);
    }

    private static Response answer(Subscriptions.Confirmation outcome, String token) {
        int status = outcome == Subscriptions.Confirmation.INVALID ? 404 : 200;
        return Response.status(status).entity(Templates.confirmed(outcome.name().toLowerCase(Locale.ROOT), token)).build();
    }

    @POST
    @Path("confirm/{token}/resend")
    public Response resend(@RestPath String token) {
        subscriptions.resendConfirmation(token);
        return Response.seeOther(URI.create("/subscribe/check-inbox")).build();
    }

    private static Map<String, String> values(String email, String name) {
        return Map.of("email", email == null ? "" : email, "name", name == null ? "" : name);
    }
}
