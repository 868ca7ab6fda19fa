package dev.roundup.subscribers;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.web.Problem;
import dev.roundup.web.Roles;

/** Subscribers for scripts: search, add, rename, unsubscribe, delete, CSV import and export. */
@Path("/api/subscribers")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Subscribers")
public class SubscriberApiResource {

    @Inject
    SubscriberDirectory directory;

    @Inject
    SubscriberCsv csv;

    /** A subscriber as the API shows it. */
    public record SubscriberView(long id, String email, String name, String status, String consentSource, Instant consentAt,
            String consentIp, Instant confirmedAt, Instant unsubscribedAt, Instant createdAt) {
        static SubscriberView of(Subscriber s) {
            return new SubscriberView(s.id, s.email, s.name, s.status.label(), s.consentSource, s.consentAt, s.consentIp,
                    s.confirmedAt, s.unsubscribedAt, s.createdAt);
        }
    }

    @Schema(name = "SubscriberPage")
    public record Page(List<SubscriberView> subscribers, int page, boolean hasNext, long total) {
    }

    public record NewSubscriber(String email, String name, Boolean confirmed) {
    }

    @Schema(name = "SubscriberRename")
    public record Rename(String name) {
    }

    @Schema(name = "SubscriberHistoryEvent")
    public record Event(Instant at, String kind, String detail) {
    }

    @GET
    @Operation(summary = "Search subscribers: q (address or name), status, page (from 0), size (at most 500)")
    public Page search(@RestQuery String q, @RestQuery String status, @RestQuery Integer page, @RestQuery Integer size) {
        var listing = directory.search(SubscriberDirectory.Filter.of(q, status), page == null ? 0 : page,
                size == null ? 50 : Math.max(1, Math.min(size, 500)));
        return new Page(listing.subscribers().stream().map(SubscriberView::of).toList(), listing.page(), listing.hasNext(), listing.total());
    }

    @POST
    @Operation(summary = "Add a subscriber; confirmed=true asserts consent, otherwise a confirmation mail is sent")
    public Response add(NewSubscriber body) throws MessagingException {
        if (body == null) {
            return Problem.of(400, "Bad request", "Send a JSON body with email, and optionally name and confirmed.");
        }
        Subscriber s = directory.add(body.email(), body.name(), Boolean.TRUE.equals(body.confirmed()));
        return Response.status(201).entity(SubscriberView.of(s)).build();
    }

    @GET
    @Path("{id}")
    public SubscriberView get(@RestPath long id) {
        return SubscriberView.of(directory.find(id).orElseThrow(NotFoundException::new));
    }

    @GET
    @Path("{id}/history")
    @Operation(summary = "What happened to a subscriber, newest first")
    public List<Event> history(@RestPath long id) {
        directory.find(id).orElseThrow(NotFoundException::new);
        return directory.history(id).stream().map(e -> new Event(e.at, e.kind, e.detail)).toList();
    }

    @PUT
    @Path("{id}")
    public SubscriberView rename(@RestPath long id, Rename body) {
        directory.find(id).orElseThrow(NotFoundException::new);
        directory.rename(id, body == null ? null : body.name());
        return get(id);
    }

    @POST
    @Path("{id}/unsubscribe")
    public SubscriberView unsubscribe(@RestPath long id) {
        directory.find(id).orElseThrow(NotFoundException::new);
        directory.unsubscribe(id);
        return get(id);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Erase a subscriber; only a keyed hash stays on the suppression list")
    public Response delete(@RestPath long id) {
        directory.find(id).orElseThrow(NotFoundException::new);
        directory.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("import")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @Operation(summary = "Import CSV (email[,name], or a header naming them); mode=confirmed or send-confirmation; override=true resubscribes unsubscribed and suppressed addresses; overwriteNames=true replaces names subscribers already have")
    public SubscriberCsv.ImportReport importCsv(InputStream body, @RestQuery String mode, @RestQuery Boolean override,
            @RestQuery Boolean overwriteNames) {
        return csv.importCsv(new InputStreamReader(body, StandardCharsets.UTF_8),
                "confirmed".equals(mode) ? SubscriberCsv.Mode.CONFIRMED : SubscriberCsv.Mode.SEND_CONFIRMATION, Boolean.TRUE.equals(override),
                Boolean.TRUE.equals(overwriteNames));
    }

    @GET
    @Path("export")
    @Produces("text/csv;charset=UTF-8")
    @Operation(summary = "Export the subscribers a search selects as CSV (streamed)")
    @APIResponse(responseCode = "200", description = "A header line, then one subscriber a line",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "csv")))
    public Response export(@RestQuery String q, @RestQuery String status) {
        SubscriberDirectory.Filter filter = SubscriberDirectory.Filter.of(q, status);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            csv.export(filter, writer);
            writer.flush();
        };
        return Response.ok(body).build();
    }
}
