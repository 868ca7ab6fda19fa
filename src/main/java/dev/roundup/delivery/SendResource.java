package dev.roundup.delivery;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.Rejected;
import dev.roundup.web.Roles;

/** Sending for scripts (and the issue page's progress bar): send now, pause, resume, cancel, progress, the delivery log. */
@Path("/api/issues")
@RolesAllowed(Roles.EDITOR)
@Tag(name = "Sending")
public class SendResource {

    @Inject
    IssueSends sends;

    @Inject
    WorkerPool workers;

    @Inject
    DeliveryLog deliveryLog;

    @POST
    @Path("{id}/send")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the issue now to every confirmed subscriber; with version, only if the issue is still at that version")
    public IssueSends.Progress sendNow(@RestPath long id, @RestQuery Long version) {
        start(id, version);
        return sends.progress(id);
    }

    /** Starts the send (see {@link IssueSends#start(long, Long)}) and this instance's workers for it; returns the recipients. */
    int start(long id, Long version) {
        int recipients = sends.start(id, version);
        workers.ensureWorkers(id);
        return recipients;
    }

    @GET
    @Path("{id}/send")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How far the send has got: sent, failed, skipped, pending, rate, ETA")
    public IssueSends.Progress progress(@RestPath long id) {
        return sends.progress(id);
    }

    @POST
    @Path("{id}/send/pause")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause a running send; resume goes on where it stopped")
    public IssueSends.Progress pause(@RestPath long id) {
        return control(id, "pause");
    }

    @POST
    @Path("{id}/send/resume")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume a paused send")
    public IssueSends.Progress resume(@RestPath long id) {
        return control(id, "resume");
    }

    @POST
    @Path("{id}/send/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a send: who has it keeps it, nobody else gets it")
    public IssueSends.Progress cancel(@RestPath long id) {
        return control(id, "cancel");
    }

    @POST
    @Path("{id}/send/retry-failed")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the failed deliveries again (of readers still subscribed)")
    public IssueSends.Progress retryFailed(@RestPath long id) {
        return control(id, "retry-failed");
    }

    /** Any other action: the four above are the only ones, said in a problem body rather than a bare 404. */
    @POST
    @Path("{id}/send/{action}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public IssueSends.Progress unknownAction(@RestPath long id, @RestPath String action) {
        return control(id, action);
    }

    private IssueSends.Progress control(long id, String action) {
        act(id, action);
        return sends.progress(id);
    }

    @GET
    @Path("{id}/deliveries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who got the issue, when, with which Message-ID (status filters: sent, failed, skipped, pending)")
    public List<DeliveryLog.Entry> log(@RestPath long id, @RestQuery String status, @RestQuery Integer page) {
        return deliveryLog.ofIssue(id, status, page == null ? 0 : page);
    }

    void act(long id, String action) {
        switch (action) {
            case "pause" -> sends.pause(id, "paused by an editor");
            case "resume" -> {
                sends.resume(id);
                workers.resumed(id);
                workers.ensureWorkers(id);
            }
            case "cancel" -> sends.cancel(id);
            case "retry-failed" -> {
                sends.retryFailed(id);
                workers.ensureWorkers(id);
            }
            default -> throw new Rejected("Use pause, resume, cancel or retry-failed.");
        }
    }
}
