package dev.roundup.publishing;

import java.net.URI;
import java.util.Map;

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

import dev.roundup.EmailAddress;
import dev.roundup.mail.ListHeaders;
import dev.roundup.mail.Mail;
import dev.roundup.mail.MailBody;
import dev.roundup.mail.MailTag;
import dev.roundup.mail.Mailer;
import dev.roundup.roundup.Curation;
import dev.roundup.roundup.IssueView;
import dev.roundup.roundup.Markdown;
import dev.roundup.subscribers.SubscriberLinks;
import dev.roundup.web.Flash;
import dev.roundup.web.Problem;
import dev.roundup.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * An issue as readers will get it, before it goes out: the preview at phone and desktop widths, the email and web
 * copies, a test send, and the live Markdown preview of the editing page. Here in publishing, which renders issues,
 * so that roundup (the issue and its editing) does not depend on its own renderer.
 */
@Path("/editor/issues")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.TEXT_HTML)
public class PreviewResource {

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

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance preview(IssueView issue, String text, String subject, String preheader);

        static native TemplateInstance web(IssueContent issue, Map<String, String> empty);
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
        return Templates.web(renderer.content(id), Map.of());
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
}
