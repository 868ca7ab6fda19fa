package dev.roundup.subscribers;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import dev.roundup.web.CsrfExempt;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Leaving with one click. GET shows a page with one button and changes nothing (mail scanners open links);
 * POST is RFC 8058 one-click: mail providers post {@code List-Unsubscribe=One-Click} without cookies or token,
 * and get a 200 page, never a redirect. Posting twice is harmless. Every unsubscribe link a reader was ever sent
 * works, for ever; only the newest also offers to resubscribe. The link of a test send names nobody: its page
 * says so, and its one-click POST answers 200 and changes nothing.
 */
@Path("/unsubscribe/{token}")
@Produces(MediaType.TEXT_HTML)
public class UnsubscribeResource {

    @Inject
    Subscriptions subscriptions;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance unsubscribe(Subscriber subscriber, String token, boolean resubscribable);

        static native TemplateInstance unsubscribed(String token, boolean resubscribed);

        static native TemplateInstance invalid();

        static native TemplateInstance test();
    }

    @GET
    public Response page(@RestPath String token) {
        if (SubscriberLinks.TEST_TOKEN.equals(token)) {
            return Response.ok(Templates.test()).build();
        }
        Optional<Subscriber> subscriber = subscriptions.byUnsubscribeToken(token);
        return subscriber.map(s -> Response.ok(Templates.unsubscribe(s, token, subscriptions.canResubscribe(token))))
                .orElseGet(() -> Response.status(404).entity(Templates.invalid())).build();
    }

    @POST
    @CsrfExempt
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD })
    public Response oneClick(@RestPath String token) {
        if (SubscriberLinks.TEST_TOKEN.equals(token)) {
            return Response.ok(Templates.test()).build(); // a mail provider's one-click on a test send: 200, nobody leaves
        }
        if (!subscriptions.unsubscribe(token, "one-click")) {
            return Response.status(404).entity(Templates.invalid()).build();
        }
        return Response.ok(Templates.unsubscribed(token, false)).build();
    }

    @POST
    @Path("resubscribe")
    public Response resubscribe(@RestPath String token) {
        return subscriptions.resubscribe(token)
                .map(s -> Response.ok(Templates.unsubscribed(null, true)))
                .orElseGet(() -> Response.status(404).entity(Templates.invalid())).build();
    }
}
