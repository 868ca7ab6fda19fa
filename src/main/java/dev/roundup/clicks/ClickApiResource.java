package dev.roundup.clicks;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.roundup.NotFound;
import dev.roundup.roundup.Issue;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** An issue's click counts in the API, {@code /api/issues/{id}/clicks}: per item and in total, nothing per reader. */
@Path("/api/issues")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Issues")
public class ClickApiResource {

    @Inject
    ClickCounts counts;

    @GET
    @Path("{id}/clicks")
    @Operation(summary = "An issue's click counts", description = "Per item and in total; nothing per reader. Empty unless click counts were on when it was sent.")
    public ClickCounts.IssueClicks clicks(@RestPath long id) {
        if (QuarkusTransaction.requiringNew().call(() -> Issue.findById(id)) == null) {
            throw new NotFound("No issue " + id + ".");
        }
        return counts.of(id);
    }
}
