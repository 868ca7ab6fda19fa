package dev.roundup.roundup;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import dev.roundup.EmailAddress;
import dev.roundup.mail.ListHeaders;
import dev.roundup.mail.Mail;
import dev.roundup.mail.MailBody;
import dev.roundup.mail.MailTag;
import dev.roundup.mail.Mailer;
import dev.roundup.publishing.IssueContent;
import dev.roundup.publishing.IssueRenderer;
import dev.roundup.publishing.Markdown;
import dev.roundup.publishing.RenderedIssue;
import dev.roundup.subscribers.SubscriberLinks;
import dev.roundup.web.Flash;
import dev.roundup.web.Problem;
import dev.roundup.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The editor's issue pages: the list with a form for a new draft, the editing page (its saves go through
 * {@code /api/issues} from the page's script), preview at phone and desktop widths, test sends and status changes.
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
    IssueRenderer renderer;

    @Inject
    Mailer mailer;

    @Inject
    ListHeaders listHeaders;

    @Inject
    SubscriberLinks links;

    @Inject
    Flash flash;

    @Inject
    IssueDefaults defaults;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<IssueApiResource.Listed> issues, LocalDate from, LocalDate last, String error);

        static native TemplateInstance edit(IssueView issue);

        static native TemplateInstance preview(IssueView issue, String text, String subject, String preheader);

        static native TemplateInstance web(IssueContent issue, java.util.Map<String, String> empty);
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

    @GET
    @Path("{id}/preview")
    public TemplateInstance preview(@RestPath long id) {
        IssueView issue = IssueView.load(id).orElseThrow(NotFoundException::new);
        IssueContent content = renderer.content(id);
        return Templates.preview(issue, renderer.render(id).forReader(null, links.testUnsubscribeUrl()).text(), content.subject(),
                content.preheader());
    }

    /** The email exactly as a reader gets it (the reader here is "there", with a sample unsubscribe link). */
    @GET
    @Path("{id}/preview/email")
    public String previewEmail(@RestPath long id) {
        IssueView.load(id).orElseThrow(NotFoundException::new);
        return renderer.render(id).forReader(null, links.testUnsubscribeUrl()).html();
    }

    @GET
    @Path("{id}/preview/web")
    public TemplateInstance previewWeb(@RestPath long id) {
        IssueView.load(id).orElseThrow(NotFoundException::new);
        return Templates.web(renderer.content(id), java.util.Map.of());
    }

    @POST
    @Path("{id}/test")
    public Response sendTest(@RestPath long id, @RestForm String to) {
        IssueView.load(id).orElseThrow(NotFoundException::new);
        var address = EmailAddress.parse(to).map(EmailAddress::display);
        if (address.isEmpty()) {
            flash.error("Enter a valid address for the test mail.");
        } else {
            // the same list headers as a real send; the unsubscribe link leads to a page saying this was a test
            String unsubscribe = links.testUnsubscribeUrl();
            RenderedIssue.Message m = renderer.render(id).forReader(null, unsubscribe);
            Mail test = new Mail(address.get(), null, "[TEST] " + m.subject(), MailBody.of(m.text()), MailBody.of(m.html()),
                    listHeaders.of(unsubscribe), null);
            try {
                mailer.send(test, MailTag.Kind.TEST, id);
                flash.set("Test sent to " + address.get() + ".");
            } catch (Exception e) {
                flash.error("The test could not be sent: " + e.getMessage());
            }
        }
        return Response.seeOther(URI.create("/editor/issues/" + id)).build();
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

    /** What the page sends to preview Markdown as it is typed. */
    public record MarkdownText(String text) {
    }

    /** The preview: the same Markdown rule (and sanitizer) as the email and the archive. */
    public record MarkdownPreview(String html) {
    }

    @POST
    @Path("markdown")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response markdown(MarkdownText m) {
        String text = m.text() == null ? "" : m.text();
        if (text.length() > Curation.INTRO_LIMIT) { // the longest text an editor writes: more is refused, not rendered
            return Problem.of(413, "Too long", "A preview takes at most " + Curation.INTRO_LIMIT + " characters.");
        }
        return Response.ok(new MarkdownPreview(Markdown.html(text))).build();
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
