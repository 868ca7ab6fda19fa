package dev.roundup.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;
import dev.roundup.roundup.Issue;
import dev.roundup.settings.NewsletterSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The one rendering service: an issue as email (HTML with inlined CSS, and plain text), as the web version, as feed
 * content. Preview, test sends and delivery all call it. Everything from feeds, listings and editors reaches the
 * output through Qute's escaping or {@link dev.roundup.web.SafeHtml}.
 */
@ApplicationScoped
public class IssueRenderer {

    private final EmailCss css = new EmailCss("/publishing/email.css");

    @Inject
    RoundupConfig roundup;

    @Inject
    NewsletterSettings newsletter;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance email(IssueContent issue, String unsubscribeUrl, String newsletter, String subscribeUrl,
                String postalAddress);
    }

    /** What readers see of the issue, for the web: the reader is "there". */
    public IssueContent content(long issueId) {
        return content(issueId, RenderedIssue.NO_NAME, RenderedIssue.NO_NAME);
    }

    private IssueContent content(long issueId, String nameMarker, String firstNameMarker) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> new IllegalArgumentException("No issue " + issueId));
            // a draft has no number and so no page of its own yet: its links lead to the archive
            String archiveUrl = roundup.link(issue.number == null ? "/archive" : "/archive/" + issue.number);
            return IssueContent.of(issue, archiveUrl, new IssueContent.Reader(nameMarker, firstNameMarker),
                    issue.weekdayOut(newsletter.zone(), java.time.Instant.now()), newsletter.name());
        });
    }

    /** Renders the email once; {@link RenderedIssue#forReader} makes each reader's copy. */
    public RenderedIssue render(long issueId) {
        String nonce = Secrets.randomToken(12).replaceAll("[^A-Za-z0-9]", "x");
        String nameMarker = "rdn" + nonce + "name";
        String firstNameMarker = "rdn" + nonce + "first";
        String unsubscribeMarker = "https://unsubscribe.invalid/" + nonce;
        IssueContent content = content(issueId, nameMarker, firstNameMarker);
        String postal = newsletter.postalAddress().orElse(null);
        Document doc = Jsoup.parse(Templates.email(content, unsubscribeMarker, newsletter.name(), subscribeUrl(), postal).render());
        css.apply(doc);
        new LongWords(nameMarker, firstNameMarker, unsubscribeMarker).breakIn(doc.body());
        doc.outputSettings().prettyPrint(false);
        return new RenderedIssue(content.subject(), doc.outerHtml(), text(content, unsubscribeMarker, postal), nameMarker, firstNameMarker,
                unsubscribeMarker);
    }

    private String subscribeUrl() {
        return roundup.link("/subscribe");
    }

    private String text(IssueContent c, String unsubscribeUrl, String postalAddress) {
        PlainText t = new PlainText().heading(c.title(), '=').paragraph(c.introText(), "", "").blank();
        if (c.sponsor() != null) {
            t.heading("Sponsor", '-').paragraph("This issue is sponsored by " + c.sponsor().name() + "."
                    + (c.sponsor().text() == null ? "" : " " + c.sponsor().text()), "", "");
            if (c.sponsor().url() != null) {
                t.url(c.sponsor().url(), "");
            }
            t.blank();
        }
        for (IssueContent.Part part : c.sections()) {
            t.heading(part.title(), '-').paragraph(part.noteText(), "", "");
            if (!part.noteText().isEmpty()) {
                t.blank();
            }
            for (IssueContent.Entry e : part.items()) {
                t.paragraph(e.title() + (e.source() == null ? "" : " (" + e.source() + ")"), "* ", "  ");
                t.paragraph(e.blurbText(), "  ", "  ");
                t.url(e.url(), "  ").blank();
            }
        }
        t.raw("-- \n").paragraph(c.footerText(), "", "").blank();
        t.raw("View this issue in your browser:\n").url(c.archiveUrl(), "");
        t.raw("Unsubscribe with one click:\n").url(unsubscribeUrl, "");
        t.blank().raw("Forwarded this? Subscribe here:\n").url(subscribeUrl(), "");
        if (postalAddress != null) {
            t.blank().paragraph(postalAddress, "", "");
        }
        return t.toString();
    }
}
