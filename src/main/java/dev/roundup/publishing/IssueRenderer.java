package dev.roundup.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jsoup.nodes.Document;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;
import dev.roundup.clicks.ClickLinks;
import dev.roundup.mail.MailFrame;
import dev.roundup.mail.MailTemplates;
import dev.roundup.roundup.Issue;
import dev.roundup.settings.NewsletterSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The one rendering service: an issue as email (the template pair {@code email.html} + {@code email.txt} over the mail
 * base, rendered by {@link MailTemplates}), as the web version, as feed content. Preview, test sends and delivery all
 * call it. Everything from feeds, listings and editors reaches the output through Qute's escaping or
 * {@link dev.roundup.web.SafeHtml}.
 */
@ApplicationScoped
public class IssueRenderer {

    @Inject
    RoundupConfig roundup;

    @Inject
    NewsletterSettings newsletter;

    @Inject
    MailTemplates mails;

    @Inject
    ClickLinks clicks;

    @CheckedTemplate
    static class Templates {
        /** The email's pair, {@code email.html} and {@code email.txt}, over the mail base. */
        static native TemplateInstance email(MailFrame frame, IssueContent issue, String unsubscribeUrl, String subscribeUrl);
    }

    /** What readers see of the issue, for the web: the reader is "there". */
    public IssueContent content(long issueId) {
        return content(issueId, RenderedIssue.NO_NAME, RenderedIssue.NO_NAME, IssueContent.Links.DIRECT);
    }

    private IssueContent content(long issueId, String nameMarker, String firstNameMarker, IssueContent.Links links) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> new IllegalArgumentException("No issue " + issueId));
            // a draft has no number and so no page of its own yet: its links lead to the archive
            String archiveUrl = roundup.link(issue.number == null ? "/archive" : "/archive/" + issue.number);
            return IssueContent.of(issue, archiveUrl, new IssueContent.Reader(nameMarker, firstNameMarker),
                    issue.weekdayOut(newsletter.zone(), java.time.Instant.now()), newsletter.name(), roundup::link, links);
        });
    }

    /**
     * What a list of issues says about one: its window and {@link IssueContent#summary()}, from the issue's own
     * columns; its sections are not read.
     */
    public Archive.Listed listed(Issue issue) {
        String window = dev.roundup.roundup.Drafts.window(issue.windowFrom, issue.windowTo);
        return new Archive.Listed(issue.number, issue.title, window, IssueContent.summary(issue.intro, window,
                new IssueContent.Reader(RenderedIssue.NO_NAME, RenderedIssue.NO_NAME), issue.weekdayOut(newsletter.zone(), java.time.Instant.now())));
    }

    /** Renders the email once; {@link RenderedIssue#forReader} makes each reader's copy. */
    public RenderedIssue render(long issueId) {
        String nonce = Secrets.randomToken(12).replaceAll("[^A-Za-z0-9]", "x");
        String nameMarker = "rdn" + nonce + "name";
        String firstNameMarker = "rdn" + nonce + "first";
        String unsubscribeMarker = "https://unsubscribe.invalid/" + nonce;
        IssueContent content = content(issueId, nameMarker, firstNameMarker, emailLinks());
        TemplateInstance email = Templates.email(mails.frame(), content, unsubscribeMarker, subscribeUrl());
        Document doc = mails.html(email, nameMarker, firstNameMarker, unsubscribeMarker);
        return new RenderedIssue(content.subject(), doc.outerHtml(), mails.text(email), nameMarker, firstNameMarker, unsubscribeMarker);
    }

    /**
     * The email's item and sponsor links: through the click-counting redirect while an admin has click counts on (a
     * token per link, not per reader, so the issue is still rendered once per send), else straight to their targets.
     */
    private IssueContent.Links emailLinks() {
        if (!newsletter.clickCounts()) {
            return IssueContent.Links.DIRECT;
        }
        return new IssueContent.Links() {
            @Override
            public String item(dev.roundup.roundup.Item item) {
                return clicks.item(item.section.issue.id, item.id);
            }

            @Override
            public String sponsor(Issue issue) {
                return clicks.sponsor(issue.id);
            }
        };
    }

    private String subscribeUrl() {
        return roundup.link("/subscribe");
    }
}
