package dev.roundup.roundup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.Conflict;
import dev.roundup.Rejected;
import dev.roundup.web.Problem;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;

/**
 * Issues for scripts, and for the editing page's own saves: create a draft for a window, read it, change fields,
 * items, order and sections (each with the version last seen: 409 when someone else changed it), change status.
 */
@Path("/api/issues")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Issues")
public class IssueApiResource {

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    @Inject
    Layout layout;

    @Inject
    LinkCheck linkCheck;

    @Schema(name = "IssueWindow")
    public record Window(LocalDate from, LocalDate to) {
    }

    @Schema(name = "IssueListed")
    public record Listed(long id, Integer number, String label, String title, String status, LocalDate windowFrom, LocalDate windowTo, Instant sentAt) {
    }

    @Schema(name = "SavedVersion")
    public record Saved(long version) {
    }

    public record FieldsChange(long version, String title, String subject, String intro, String footer, String sponsorName,
            String sponsorUrl, String sponsorText, String sponsorImage, String preheader) {
    }

    public record ItemChange(long version, String title, String blurb, Boolean included, String url, Boolean alsoCovered) {
    }


    @Schema(name = "SuggestionRefresh")
    public record Refresh(long version) {
    }

    @Schema(name = "SectionsOrder")
    public record Order(long version, List<Curation.SectionOrder> sections) {
    }

    public record NewLink(long version, long sectionId, String title, String url, String blurb) {
    }

    public record SectionChange(long version, String title, String note, Boolean thumbnails) {
    }

    public record StatusChange(String status, Instant scheduledAt) {
    }

    @GET
    @Operation(summary = "All issues, newest window first; sent ones carry their number, drafts none")
    public List<Listed> list() {
        return QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>listAll(Sort.descending("windowFrom", "id")).stream()
                .map(i -> new Listed(i.id, i.number, i.label(), i.title, i.status.label(), i.windowFrom, i.windowTo, i.sentAt)).toList());
    }

    @POST
    @Operation(summary = "Draft an issue for a window (from inclusive, to exclusive); 409 if that window has one")
    public Response create(Window window) {
        if (window == null) {
            return Problem.of(400, "Bad request", "Send {\"from\": \"2026-03-09\", \"to\": \"2026-03-16\"}.");
        }
        Issue issue = drafts.create(window.from(), window.to());
        return Response.status(201).entity(IssueView.load(issue.id).orElseThrow()).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An issue with its sections and items")
    public IssueView get(@RestPath long id) {
        return IssueView.load(id).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change title, subject, preheader, intro (Markdown), footer or sponsor; fields left out stay")
    public Saved fields(@RestPath long id, FieldsChange c) {
        return new Saved(curation.updateFields(id, c.version(), new Curation.Fields(c.title(), c.subject(), c.intro(), c.footer(),
                c.sponsorName(), c.sponsorUrl(), c.sponsorText(), c.sponsorImage(), c.preheader())));
    }

    @PUT
    @Path("{id}/items/{itemId}")
    @Operation(summary = "Change an item's title, blurb or URL (http or https), include or exclude it; alsoCovered false drops its "
            + "\"Also covered by\" line, true keeps it again")
    public Saved item(@RestPath long id, @RestPath long itemId, ItemChange c) {
        return new Saved(curation.updateItem(id, c.version(), itemId,
                new Curation.ItemChange(c.title(), c.blurb(), c.included(), c.url(), c.alsoCovered())));
    }

    @POST
    @Path("{id}/suggestions")
    @Operation(summary = "Add as suggestions what the draft would offer now and lacks: listings approved since, late posts")
    public Drafts.Refreshed refreshSuggestions(@RestPath long id, Refresh r) {
        return drafts.refresh(id, r.version());
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Bring a cancelled issue back as a draft")
    public IssueView restore(@RestPath long id) {
        curation.restore(id);
        return get(id);
    }

    @DELETE
    @Path("{id}/items/{itemId}")
    @Operation(summary = "Remove an item; the answer holds the item and its place, for an undo through POST …/items")
    public Layout.Removal removeItem(@RestPath long id, @RestPath long itemId, @RestQuery long version) {
        return layout.removeItem(id, version, itemId);
    }

    public record PutBack(long version, Layout.RemovedItem item) {
    }

    @POST
    @Path("{id}/items")
    @Operation(summary = "Put a removed item back at its place (the undo of a removal)")
    public Layout.Restored restoreItem(@RestPath long id, PutBack p) {
        return layout.restoreItem(id, p.version(), p.item());
    }

    public record UrlChange(long version, String url) {
    }

    @PUT
    @Path("{id}/items/{itemId}/url")
    @Operation(summary = "Change the address an item links to (http or https)")
    public Saved itemUrl(@RestPath long id, @RestPath long itemId, UrlChange c) {
        return new Saved(layout.editItemUrl(id, c.version(), itemId, c.url()));
    }

    public record SectionPlace(long version, int position) {
    }

    @PUT
    @Path("{id}/sections/{sectionId}/position")
    @Operation(summary = "Move a section to a place among the issue's sections (0 is the top)")
    public Saved moveSection(@RestPath long id, @RestPath long sectionId, SectionPlace p) {
        return new Saved(layout.moveSection(id, p.version(), sectionId, p.position()));
    }

    @PUT
    @Path("{id}/order")
    @Operation(summary = "Set the order of items in sections (items may move between sections)")
    public Saved order(@RestPath long id, Order o) {
        return new Saved(curation.reorder(id, o.version(), o.sections()));
    }

    @POST
    @Path("{id}/links")
    @Operation(summary = "Add a link of the editor's own to a section")
    public Saved addLink(@RestPath long id, NewLink l) {
        return new Saved(curation.addLink(id, l.version(), l.sectionId(), l.title(), l.url(), l.blurb()));
    }

    @POST
    @Path("{id}/sections")
    public Saved addSection(@RestPath long id, SectionChange s) {
        return new Saved(curation.addSection(id, s.version(), s.title()));
    }

    @PUT
    @Path("{id}/sections/{sectionId}")
    public Saved updateSection(@RestPath long id, @RestPath long sectionId, SectionChange s) {
        return new Saved(curation.updateSection(id, s.version(), sectionId, s.title(), s.note(), s.thumbnails()));
    }

    @DELETE
    @Path("{id}/sections/{sectionId}")
    public Saved removeSection(@RestPath long id, @RestPath long sectionId, @RestQuery long version) {
        return new Saved(curation.removeSection(id, version, sectionId));
    }

    @POST
    @Path("{id}/status")
    @Operation(summary = "Move an issue to draft, scheduled (with scheduledAt) or cancelled; sending and sent are the sender's")
    public IssueView status(@RestPath long id, StatusChange s) {
        IssueStatus target;
        try {
            target = IssueStatus.valueOf(s.status().toUpperCase());
        } catch (RuntimeException e) {
            throw new Rejected("Status is one of draft, scheduled, cancelled.");
        }
        if (target == IssueStatus.SENDING || target == IssueStatus.SENT) {
            throw new Conflict("An issue becomes sending and sent by being sent, not by an edit.");
        }
        curation.changeStatus(id, target, s.scheduledAt());
        return get(id);
    }

    @POST
    @Path("{id}/check-links")
    @Operation(summary = "Check every link of the issue (HEAD, then GET): the items', the sponsor's link and image, those in the intro and blurbs; broken item links are flagged on the items, the others listed in outsideItems")
    public LinkCheck.Result checkLinks(@RestPath long id) {
        return linkCheck.check(id);
    }

}
