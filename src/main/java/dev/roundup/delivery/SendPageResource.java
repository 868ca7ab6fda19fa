package dev.roundup.delivery;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import dev.roundup.DomainException;
import dev.roundup.roundup.LinkCheck;
import dev.roundup.web.Flash;
import dev.roundup.web.Roles;

/**
 * The send on the issue page: what it shows (the progress, the question "Send now" asks, as {@code inject:send} in
 * the page's template) and its buttons (send now, pause, resume, retry failed, cancel); and a subscriber's delivery
 * log for scripts.
 */
@jakarta.enterprise.context.ApplicationScoped
@jakarta.inject.Named("send")
public class SendPageResource {

    @Inject
    SendResource api;

    @Inject
    IssueSends sends;

    @Inject
    Deliveries deliveries;

    @Inject
    LinkCheck linkCheck;

    @Inject
    Flash flash;

    /** The issue page's buttons. */
    @Path("/editor/issues")
    @RolesAllowed(Roles.EDITOR)
    public static class Buttons {

        @Inject
        SendPageResource page;

        @POST
        @Path("{id}/send")
        public Response sendNow(@RestPath long id, @RestForm Long version) {
            return page.sendNow(id, version);
        }

        @POST
        @Path("{id}/send/{action}")
        public Response control(@RestPath long id, @RestPath String action) {
            return page.control(id, action);
        }
    }

    /** Which issues a subscriber got. */
    @Path("/api/subscribers")
    @RolesAllowed(Roles.EDITOR)
    @Tag(name = "Sending")
    public static class SubscriberLog {

        @Inject
        DeliveryLog deliveryLog;

        @GET
        @Path("{id}/deliveries")
        @Produces(MediaType.APPLICATION_JSON)
        @Operation(summary = "Which issues a subscriber got")
        public List<DeliveryLog.Entry> deliveries(@RestPath long id) {
            return deliveryLog.ofSubscriber(id);
        }
    }

    /** How the issue's send stands, for the top of its page. */
    public IssueSends.Progress progress(long issueId) {
        return sends.progress(issueId);
    }

    /**
     * What "Send now" asks before it sends: how many readers will get the issue (counted by the rule the send applies,
     * {@link Deliveries#toMail}), and the broken links the last link check found, if any.
     */
    public String confirmation(long issueId) {
        long readers = deliveries.toMail(issueId);
        StringBuilder question = new StringBuilder(readers == 0 ? "Nobody will get this issue: no reader is subscribed and confirmed. Send it anyway?"
                : "Send this issue now to " + readers(readers) + "?");
        List<String> broken = linkCheck.lastBroken(issueId);
        if (!broken.isEmpty()) {
            question.append("\n\nThe last link check found ").append(broken.size() == 1 ? "a broken link" : broken.size() + " broken links")
                    .append(": ").append(String.join(", ", broken)).append(".");
        }
        return question.toString();
    }

    /** "1 reader", "42 readers". */
    public String readers(Number count) {
        return count + (count.longValue() == 1 ? " reader" : " readers");
    }

    /** Sends the issue as the page showed it: the form carries the version the page was last saved at. */
    Response sendNow(long id, Long version) {
        try {
            int recipients = api.start(id, version);
            flash.set("Sending to " + readers(recipients) + ".");
        } catch (DomainException refused) {
            flash.error(refused.getMessage());
        }
        return Response.seeOther(URI.create("/editor/issues/" + id)).build();
    }

    Response control(long id, String action) {
        try {
            api.act(id, action);
            flash.set(switch (action) {
                case "pause" -> "Send paused.";
                case "resume" -> "Send resumed.";
                case "retry-failed" -> "paused".equals(api.progress(id).state())
                        ? "The failed deliveries are due again. The send stays paused: resume it to send them."
                        : "Retrying the failed deliveries.";
                default -> "Send cancelled.";
            });
        } catch (DomainException refused) {
            flash.error(refused.getMessage());
        }
        return Response.seeOther(URI.create("/editor/issues/" + id)).build();
    }
}
