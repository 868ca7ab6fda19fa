package dev.roundup.suggestions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.EmailAddress;
import dev.roundup.Rejected;
import dev.roundup.RoundupConfig;
import dev.roundup.TextRules;
import dev.roundup.UniqueKey;
import dev.roundup.feeds.CanonicalUrl;
import dev.roundup.listings.ListingsConfig;
import dev.roundup.mail.MailFrame;
import dev.roundup.mail.MailTag;
import dev.roundup.mail.MailTemplates;
import dev.roundup.mail.Mailer;
import dev.roundup.Newsletter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Links the community suggests: taken from the public form by the listings' field rules, moderated by an editor
 * (accept with a title, decline with a reason; one decision, claimed by a conditional update), and the outcome mailed
 * to a suggester who left an address, after the commit.
 */
@ApplicationScoped
public class Suggestions {

    private static final Logger LOG = Logger.getLogger(Suggestions.class);
    /** The width of {@code link_suggestion.suggester_name} (V24), narrower than {@link TextRules#NAME_MAX}. */
    private static final int NAME_COLUMN = 100;

    @Inject
    ListingsConfig config;

    @Inject
    Mailer mailer;

    @Inject
    MailTemplates mails;

    @Inject
    Newsletter newsletter;

    @Inject
    RoundupConfig roundup;

    @Inject
    FeaturedLinks featured;

    @CheckedTemplate
    static class Templates {
        /** The outcome mail's pair, {@code outcome.html} and {@code outcome.txt}, over the mail base. */
        static native TemplateInstance outcome(MailFrame frame, String name, String url, boolean accepted, String reason, String archive);
    }

    /** The fields of the public form. */
    public record Fields(String url, String note, String name, String email) {
    }

    /** A suggestion in the queue with what the editor should know before accepting it. */
    public record Queued(Suggestion suggestion, List<String> warnings) {
    }

    /**
     * Takes a link from the public form; throws {@link Rejected} naming each field that broke its rule. The same link from the same address (or, without one,
     * the same name) within
     * {@code roundup.listings.duplicate-window}, while it still waits, is one suggestion: empty for the copies.
     */
    public Optional<Suggestion> submit(Fields f) {
        TextRules rules = new TextRules();
        String url = rules.link("url", f.url(), true);
        String note = f.note() == null || f.note().isBlank() ? null : rules.text("note", f.note(), 1000);
        String name = rules.name("name", f.name());
        if (name != null && name.length() > NAME_COLUMN) {
            name = rules.line("name", name, NAME_COLUMN, false); // the rule's 200 do not fit suggester_name: say so, not a 500
        }
        String email = f.email() == null || f.email().isBlank() ? null : rules.email("email", f.email());
        rules.check();
        Instant now = Instant.now();
        Suggestion s = new Suggestion();
        s.url = url;
        s.canonicalUrl = CanonicalUrl.of(url);
        s.canonicalHash = CanonicalUrl.sha256(s.canonicalUrl);
        s.note = note;
        s.suggesterName = name;
        s.suggesterEmail = email;
        s.submittedAt = now;
        // who sent it: the address, else the name; two people sending the same link are two suggestions ("also suggested")
        String who = email != null ? EmailAddress.keyOf(email).orElse(email) : "name:" + (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT));
        s.submissionKey = CanonicalUrl.sha256("suggestion\n" + who + "\n" + s.canonicalUrl);
        try {
            return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> {
                // a copy is only a copy of one still waiting and recent: else the old one gives up its key
                Suggestion.update("submissionKey = null where submissionKey = ?1 and (submittedAt < ?2 or status <> ?3)",
                        s.submissionKey, now.minus(config.duplicateWindow()), SuggestionStatus.PENDING);
                if (Suggestion.count("submissionKey", s.submissionKey) > 0) {
                    return null;
                }
                s.persistAndFlush();
                return s;
            }));
        } catch (RuntimeException e) {
            if (UniqueKey.violated(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One page of the queue in {@code status}, newest first, each with its warnings. */
    public List<Queued> queue(SuggestionStatus status, int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Suggestion> list = Suggestion.<Suggestion>find("status = ?1 order by submittedAt desc, id desc", status)
                    .page(page, size).list();
            Map<Long, List<String>> warnings = Warnings.of(list, featured);
            return list.stream().map(s -> new Queued(s, warnings.getOrDefault(s.id, List.of()))).toList();
        });
    }

    /** How many suggestions wait for an editor. */
    public long pending() {
        return QuarkusTransaction.requiringNew().call(() -> Suggestion.count("status", SuggestionStatus.PENDING));
    }

    /**
     * Accepts (with the title the draft shows; the address when blank) or declines (with the reason mailed to the
     * suggester) the waiting suggestions with these ids, in one transaction; returns how many it decided. A suggestion
     * decided already is left as it is, so a double click makes one decision and one mail.
     */
    public int decide(List<Long> ids, String action, String reason, String title) {
        SuggestionStatus next = switch (action == null ? "" : action) {
            case "accept" -> SuggestionStatus.ACCEPTED;
            case "decline" -> SuggestionStatus.DECLINED;
            default -> throw new Rejected("action", action == null || action.isBlank() ? "Choose an action: accept or decline."
                    : "Unknown action: use accept or decline.");
        };
        if (ids == null || ids.isEmpty()) {
            throw new Rejected("id", "Tick at least one suggestion.");
        }
        String why = next == SuggestionStatus.DECLINED ? oneLine(reason, 500, "Not a fit for the newsletter.") : null;
        String headline = next == SuggestionStatus.ACCEPTED ? oneLine(title, 300, null) : null;
        List<Suggestion> decided = new ArrayList<>();
        int count = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            int n = 0;
            for (Suggestion s : Suggestion.<Suggestion>list("id in ?1", ids)) {
                if (!s.status.canBecome(next) || Suggestion.update("status = ?1, decidedAt = ?2, declineReason = ?3, title = ?4, "
                        + "submissionKey = null where id = ?5 and status = ?6", next, now, why, headline, s.id, SuggestionStatus.PENDING) != 1) {
                    continue;
                }
                n++;
                if (s.suggesterEmail != null) {
                    decided.add(s);
                }
            }
            return n;
        });
        decided.forEach(s -> tell(s, next == SuggestionStatus.ACCEPTED, why));
        return count;
    }

    /** Mails the outcome, as listings' decision mails are (tagged a receipt); a mail failure does not undo the decision. */
    private void tell(Suggestion s, boolean accepted, String reason) {
        String name = s.suggesterName == null ? "there" : s.suggesterName;
        String subject = "Your link for " + newsletter.name() + (accepted ? " was accepted" : " was not accepted");
        String archive = roundup.link("/archive");
        try {
            mailer.send(mails.mail(s.suggesterEmail, s.suggesterName, subject,
                    Templates.outcome(mails.frame(), name, s.url, accepted, reason, archive)), MailTag.Kind.RECEIPT, s.id);
        } catch (Exception e) {
            LOG.warnf("Could not tell the suggester of link %d about its moderation: %s", s.id, e.getMessage());
        }
    }

    private static String oneLine(String value, int max, String otherwise) {
        String v = value == null ? "" : value.strip().replaceAll("\\p{Cntrl}+", " ");
        if (v.isEmpty()) {
            return otherwise;
        }
        return v.length() > max ? v.substring(0, max) : v;
    }
}
