package dev.roundup.delivery;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.roundup.editor.Editor;
import dev.roundup.roundup.Curation;
import dev.roundup.web.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Sending for scripts (and the issue page's progress bar): send now, pause, resume, cancel, progress, the delivery log. */
@Path("/api/issues")
@RolesAllowed(Editor.ROLE)
@Tag(name = "Sending")
public class SendResource {

    @Inject
    Sender sender;

    @Inject
    SendWorkers workers;

    @Inject
    EntityManager em;

    /** One recipient's delivery, for the log. */
    public record LogEntry(long subscriberId, String email, String status, int attempts, Instant sentAt, String messageId, String lastError) {
    }

    @POST
    @Path("{id}/send")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the issue now to every confirmed subscriber")
    public Sender.Progress sendNow(@RestPath long id) {
        sender.start(id);
        workers.ensureWorkers(id);
        return sender.progress(id);
    }

    @GET
    @Path("{id}/send")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How far the send has got: sent, failed, skipped, pending, rate, ETA")
    public Sender.Progress progress(@RestPath long id) {
        return sender.progress(id);
    }

    @POST
    @Path("{id}/send/{action}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "pause, resume or cancel a send")
    public Sender.Progress control(@RestPath long id, @RestPath String action) {
        act(id, action);
        return sender.progress(id);
    }

    @GET
    @Path("{id}/deliveries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who got the issue, when, with which Message-ID (status filters: sent, failed, skipped, pending)")
    public List<LogEntry> log(@RestPath long id, @RestQuery String status, @RestQuery Integer page) {
        return entries("d.issue_id = ?1", id, status, page);
    }

    void act(long id, String action) {
        switch (action) {
            case "pause" -> sender.pause(id, "paused by an editor");
            case "resume" -> {
                sender.resume(id);
                workers.ensureWorkers(id);
            }
            case "cancel" -> sender.cancel(id);
            default -> throw new Curation.Rejected("Use pause, resume or cancel.");
        }
    }

    List<LogEntry> entries(String where, long id, String status, Integer page) {
        String filter = status == null || status.isBlank() ? "" : " and d.status = ?2";
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery("select d.subscriber_id, s.email, d.status, d.attempts, d.sent_at, d.message_id, d.last_error "
                    + "from delivery d join subscriber s on s.id = d.subscriber_id where " + where + filter
                    + " order by d.subscriber_id").setParameter(1, id).setFirstResult(Math.max(0, page == null ? 0 : page) * 500).setMaxResults(500);
            if (!filter.isEmpty()) {
                q.setParameter(2, status.strip().toUpperCase());
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = q.getResultList();
            return rows.stream().map(r -> new LogEntry(((Number) r[0]).longValue(), (String) r[1], ((String) r[2]).toLowerCase(),
                    ((Number) r[3]).intValue(), r[4] == null ? null : toInstant(r[4]), (String) r[5], (String) r[6])).toList();
        });
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return Instant.parse(o.toString());
    }

    @ServerExceptionMapper
    public Response conflict(Curation.Conflict e) {
        return Problem.of(409, "Conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response rejected(Curation.Rejected e) {
        return Problem.of(400, "Bad request", e.getMessage());
    }
}
