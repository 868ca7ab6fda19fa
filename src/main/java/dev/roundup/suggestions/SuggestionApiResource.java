package dev.roundup.suggestions;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.Rejected;
import dev.roundup.web.Problem;
import dev.roundup.web.Roles;

/** Suggested links for scripts: the queue with its warnings, and accepting or declining one or many. */
@Path("/api/suggestions")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Suggestions")
public class SuggestionApiResource {

    @Inject
    Suggestions suggestions;

    /** A suggestion as scripts see it; {@code warnings} as the queue page shows them. */
    public record SuggestionView(long id, String url, String canonicalUrl, String note, String suggesterName, String suggesterEmail,
            String status, String title, String declineReason, Instant submittedAt, Instant decidedAt, List<String> warnings) {
        static SuggestionView of(Suggestions.Queued q) {
            Suggestion s = q.suggestion();
            return new SuggestionView(s.id, s.url, s.canonicalUrl, s.note, s.suggesterName, s.suggesterEmail, s.status.label(), s.title,
                    s.declineReason, s.submittedAt, s.decidedAt, q.warnings());
        }
    }

    /** Accept (with an optional title for the issue) or decline (with a reason mailed to the suggester). */
    @Schema(name = "SuggestionDecision")
    public record Decision(List<Long> ids, @Schema(enumeration = { "accept", "decline" }) String action, String reason, String title) {
    }

    @GET
    @Operation(summary = "Suggested links, newest first, in a status (pending by default, accepted, declined), with warnings")
    public List<SuggestionView> list(@RestQuery String status, @RestQuery Integer page) {
        int p = page == null ? 0 : Math.max(0, page);
        return suggestions.queue(SuggestionEditorResource.status(status), p, SuggestionEditorResource.PAGE_SIZE).stream()
                .map(SuggestionView::of).toList();
    }

    @POST
    @Path("moderate")
    @Operation(summary = "Accept or decline waiting suggestions by id; returns how many were decided")
    public Response moderate(Decision decision) {
        if (decision == null) {
            return Problem.of(400, "Bad request", "Send {\"ids\": [...], \"action\": \"accept|decline\", \"reason\": \"...\", \"title\": \"...\"}.");
        }
        try {
            return Response.ok(Map.of("changed", suggestions.decide(decision.ids(), decision.action(), decision.reason(), decision.title())))
                    .build();
        } catch (Rejected refused) {
            return Problem.of(400, "Bad request", refused.getMessage());
        }
    }
}
