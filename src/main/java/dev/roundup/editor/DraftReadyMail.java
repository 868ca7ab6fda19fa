package dev.roundup.editor;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.RoundupConfig;
import dev.roundup.mail.MailFrame;
import dev.roundup.mail.MailTag;
import dev.roundup.mail.MailTemplates;
import dev.roundup.mail.Mailer;
import dev.roundup.roundup.DraftMade;
import dev.roundup.roundup.IssueView;
import dev.roundup.roundup.LinkCheck;
import dev.roundup.settings.NewsletterSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Tells every active editor that the weekly draft is ready (see {@link DraftReport}), on a thread of its own after the
 * draft is committed: a slow link check or an SMTP outage delays or loses this mail, never the draft. Each editor's
 * mail is sent on its own, so one refused address does not keep the others from theirs.
 */
@ApplicationScoped
public class DraftReadyMail {

    private static final Logger LOG = Logger.getLogger(DraftReadyMail.class);

    @Inject
    DraftMailConfig config;

    @Inject
    LinkCheck linkCheck;

    @Inject
    Mailer mailer;

    @Inject
    MailTemplates mails;

    @Inject
    NewsletterSettings newsletter;

    @Inject
    RoundupConfig roundup;

    @CheckedTemplate
    static class Templates {
        /** The draft mail's pair, {@code ready.html} and {@code ready.txt}, over the mail base. */
        static native TemplateInstance ready(MailFrame frame, DraftReport report);
    }

    void onDraft(@ObservesAsync DraftMade draft) {
        if (!config.enabled()) {
            return;
        }
        try {
            List<String> broken = null;
            if (config.linkCheck()) {
                linkCheck.check(draft.issueId());
                broken = linkCheck.lastBroken(draft.issueId());
            }
            IssueView issue = IssueView.load(draft.issueId()).orElse(null);
            if (issue == null) {
                return; // deleted meanwhile: nothing to tell
            }
            DraftReport report = DraftReport.of(newsletter.name(), issue, newsletter.quietWeek(), broken,
                    roundup.link("/editor/issues/" + issue.id()));
            List<Editor> editors = QuarkusTransaction.requiringNew().call(() -> Editor.<Editor>list("disabledAt is null order by email"));
            for (Editor editor : editors) {
                send(editor, report, issue.id());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not tell the editors that draft %d is ready: %s", draft.issueId(), e.getMessage());
        }
    }

    private void send(Editor editor, DraftReport report, long issueId) {
        try {
            mailer.send(mails.mail(editor.email, editor.name, report.subject(), Templates.ready(mails.frame(), report)),
                    MailTag.Kind.TEST, issueId);
        } catch (Exception e) {
            LOG.warnf("Could not mail %s that draft %d is ready: %s", editor.email, issueId, e.getMessage());
        }
    }
}
