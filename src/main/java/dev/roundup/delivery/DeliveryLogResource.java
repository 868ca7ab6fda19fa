package dev.roundup.delivery;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.roundup.Issue;
import dev.roundup.subscribers.Subscriber;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The delivery log as editor pages: an issue's recipients with their status, and the issues a subscriber got. */
public class DeliveryLogResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance issueLog(Issue issue, IssueSends.Progress progress, List<DeliveryLog.Entry> entries, String status, int page,
                boolean more);

        static native TemplateInstance subscriberLog(Subscriber subscriber, List<DeliveryLog.Entry> entries);
    }

    @Path("/editor/issues")
    @RolesAllowed(Roles.EDITOR)
    @Produces(MediaType.TEXT_HTML)
    public static class OfIssue {
        @Inject
        DeliveryLog log;
        @Inject
        IssueSends sends;

        @GET
        @Path("{id}/deliveries")
        public TemplateInstance page(@RestPath long id, @RestQuery String status, @RestQuery Integer page) {
            Issue issue = QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>findByIdOptional(id).orElseThrow(NotFoundException::new));
            int p = page == null ? 0 : Math.max(0, page);
            List<DeliveryLog.Entry> entries = log.ofIssue(id, status, p);
            return Templates.issueLog(issue, sends.progress(id), entries, status == null ? "" : status, p, entries.size() == DeliveryLog.PAGE_SIZE);
        }
    }

    @Path("/editor/subscribers")
    @RolesAllowed(Roles.EDITOR)
    @Produces(MediaType.TEXT_HTML)
    public static class OfSubscriber {
        @Inject
        DeliveryLog log;

        @GET
        @Path("{id}/deliveries")
        public TemplateInstance page(@RestPath long id) {
            Subscriber s = QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>findByIdOptional(id).orElseThrow(NotFoundException::new));
            return Templates.subscriberLog(s, log.ofSubscriber(id));
        }
    }
}
