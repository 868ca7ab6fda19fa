package dev.roundup.roundup;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import dev.roundup.Conflict;
import dev.roundup.DomainException;
import dev.roundup.web.Flash;
import dev.roundup.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The editor's issue pages: the list with a form for a new draft, the editing page (its saves go through
 * {@code /api/issues} from the page's script), link checks and status changes. Preview and test sends are
 * publishing's ({@code PreviewResource}).
 */
@Path("/editor/issues")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.TEXT_HTML)
public class IssueEditorResource {

    @Inject
    Drafts drafts;

    @Inject
    Curation curation;

    @Inject
    Layout layout;

    @Inject
    LinkCheck linkCheck;

    @Inject
    Flash flash;

    @Inject
    IssueDefaults defaults;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<IssueApiResource.Listed> issues, LocalDate from, LocalDate last, String error);

        static native TemplateInstance edit(IssueView issue);

        static native TemplateInstance skip(IssueView issue);
    }

    @Inject
    IssueApiResource api;

    @GET
    public TemplateInstance list() {
        LocalDate monday = LocalDate.now(defaults.zone()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return Templates.list(api.list(), monday.minusDays(7), monday.minusDays(1), null);
    }

    @POST
    /** The form names the window's first and last day; the window is stored up to the day after the last. */
    public Response create(@RestForm LocalDate from, @RestForm LocalDate last) {
        try {
            Issue issue = drafts.create(from, last == null ? null : last.plusDays(1));
            flash.set("Drafted " + Drafts.window(issue.windowFrom, issue.windowTo) + " (" + issue.label() + ").");
            return Response.seeOther(URI.create("/editor/issues/" + issue.id)).build();
        } catch (DomainException refused) {
            return Response.status(refused.status())
                    .entity(Templates.list(api.list(), from, last, refused.getMessage())).build();
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance edit(@RestPath long id) {
        return Templates.edit(IssueView.load(id).orElseThrow(NotFoundException::new));
    }

    /**
     * "Skip this week", the quiet week's link in the editors' draft mail: a page that asks, as a link must not change
     * anything; its button posts the cancel of {@link #status}, which the issue page's undo restores.
     */
    @GET
    @Path("{id}/skip")
    public TemplateInstance skip(@RestPath long id) {
        return Templates.skip(IssueView.load(id).orElseThrow(NotFoundException::new));
    }

    @POST
    @Path("{id}/check-links")
    public Response checkLinks(@RestPath long id) {
        LinkCheck.Result result = linkCheck.check(id);
        if (result.broken() == 0) {
            flash.set("All " + result.checked() + " links work.");
        } else {
            int items = result.broken() - result.outsideItems().size();
            List<String> where = new java.util.ArrayList<>(result.outsideItems().stream().map(LinkCheck.Broken::words).toList());
            if (items > 0) {
                where.add(items == 1 ? "1 item's link, marked below" : items + " items' links, marked below");
            }
            flash.warning(result.broken() + " of " + result.checked() + " links are broken: " + String.join("; ", where) + ".");
        }
        return Response.seeOther(URI.create("/editor/issues/" + id)).build();
    }

    @POST
    @Path("{id}/status")
    public Response status(@RestPath long id, @RestForm String status, @RestForm LocalDateTime scheduledAt) {
        try {
            IssueStatus target = IssueStatus.valueOf(status.toUpperCase());
            if (target == IssueStatus.SENDING || target == IssueStatus.SENT) {
                throw new Conflict("An issue becomes sending and sent by being sent.");
            }
            curation.changeStatus(id, target, scheduledAt == null ? null : scheduledAt.atZone(defaults.zone()).toInstant());
            flash.set("Issue is now " + target.label() + ".");
        } catch (DomainException | IllegalArgumentException | NullPointerException refused) {
            flash.error(refused instanceof IllegalArgumentException || refused instanceof NullPointerException
                    ? "Choose a status." : refused.getMessage());
        }
        return Response.seeOther(URI.create("/editor/issues/" + id)).build();
    }

    /** A cancelled issue back as a draft, from the list or its page. */
    @POST
    @Path("{id}/restore")
    public Response restore(@RestPath long id, @RestForm String from) {
        try {
            curation.restore(id);
            flash.set("Issue restored: it is a draft again.");
        } catch (DomainException refused) {
            flash.error(refused.getMessage());
        }
        return Response.seeOther(URI.create("list".equals(from) ? "/editor/issues" : "/editor/issues/" + id)).build();
    }

    /** Adds what the draft would offer now and lacks (Monday morning's approvals) as suggestions. */
    @POST
    @Path("{id}/suggestions")
    public Response refreshSuggestions(@RestPath long id, @RestForm long version) {
        try {
            int added = drafts.refresh(id, version).added();
            flash.set(added == 0 ? "Nothing new to suggest." : added + (added == 1 ? " new suggestion" : " new suggestions") + " added below.");
        } catch (DomainException refused) {
            flash.error(refused.getMessage());
        }
        return Response.seeOther(URI.create("/editor/issues/" + id)).build();
    }

    /** Moves a section up or down (↑/↓ without the page's script). */
    @POST
    @Path("{id}/sections/{sectionId}/move")
    public Response moveSection(@RestPath long id, @RestPath long sectionId, @RestForm long version, @RestForm int index) {
        try {
            layout.moveSection(id, version, sectionId, index);
        } catch (DomainException refused) {
            flash.error(refused.getMessage());
        }
        return Response.seeOther(URI.create("/editor/issues/" + id)).build();
    }
}
