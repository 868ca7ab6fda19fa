package dev.roundup.bounces;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.web.Flash;
import dev.roundup.web.Problem;
import dev.roundup.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Bounces for editors: all recent ones, an issue's, a subscriber's; and "read the bounce mailbox now". */
public class BounceResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance bounces(List<Bounces.Shown> bounces, Long issue, Long subscriber, boolean mailboxConfigured);
    }

    @Path("/editor/bounces")
    @RolesAllowed(Roles.EDITOR)
    @Produces(MediaType.TEXT_HTML)
    public static class Page {
        @Inject
        Bounces bounces;
        @Inject
        BounceMailbox mailbox;
        @Inject
        Flash flash;

        @GET
        public TemplateInstance list(@RestQuery Long issue, @RestQuery Long subscriber) {
            List<Bounces.Shown> shown = issue != null ? bounces.forIssue(issue) : subscriber != null ? bounces.forSubscriber(subscriber) : bounces.recent();
            return Templates.bounces(shown, issue, subscriber, mailbox.configured());
        }

        @POST
        @Path("check")
        public Response check() {
            try {
                BounceMailbox.Reading r = mailbox.check();
                flash.set("Read " + r.messages() + " new messages: " + r.recorded() + " bounces recorded, " + r.notReaders()
                        + " about receipts or test sends, " + r.unmatched()
                        + " reports not about a Roundup delivery, " + r.notReports() + " other messages left in the mailbox.");
            } catch (MessagingException e) {
                flash.error("Could not read the bounce mailbox: " + e.getMessage());
            }
            return Response.seeOther(URI.create("/editor/bounces")).build();
        }
    }

    @Path("/api/bounces")
    @RolesAllowed(Roles.EDITOR)
    @Tag(name = "Bounces")
    public static class Api {
        @Inject
        Bounces bounces;
        @Inject
        BounceMailbox mailbox;

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        @Operation(summary = "Bounces, newest first: all, or of one issue (?issue=) or one subscriber (?subscriber=)")
        public List<Bounces.Shown> list(@RestQuery Long issue, @RestQuery Long subscriber) {
            return issue != null ? bounces.forIssue(issue) : subscriber != null ? bounces.forSubscriber(subscriber) : bounces.recent();
        }

        @POST
        @Path("check")
        @Produces(MediaType.APPLICATION_JSON)
        @Operation(summary = "Read the bounce mailbox now")
        public Response check() {
            try {
                return Response.ok(mailbox.check()).build();
            } catch (MessagingException e) {
                return Problem.of(502, "Bounce mailbox unreachable", e.getMessage());
            }
        }
    }
}
