package dev.roundup.roundup;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roundup.Conflict;
import dev.roundup.NotFound;
import dev.roundup.Rejected;
import dev.roundup.TextRules;
import dev.roundup.listings.ListingFeature;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Every change an editor makes to an issue, each saved at once in its own transaction, each carrying the version the
 * editor's page was showing: if someone else changed the issue since, the change is refused with "changed by
 * someone else, reload", never applied over their work. Sent or sending issues refuse all changes.
 */
@ApplicationScoped
public class Curation {

    @Inject
    Readership readership;

    @Inject
    dev.roundup.enrichment.Enrichments enrichments;

    /** The longest intro an editor writes; the Markdown preview takes no more either. */
    public static final int INTRO_LIMIT = 20_000;

    /** Applies {@code change} to the issue if it is still at {@code expectedVersion}; returns the new version. */
    public long change(long issueId, long expectedVersion, Consumer<Issue> change) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> new NotFound("No such issue."));
                if (!issue.status.editable()) {
                    throw new Conflict("Issue " + issue.label() + " is " + issue.status.label() + ": its content can no longer change.");
                }
                if (issue.version != expectedVersion) {
                    throw new Conflict("This issue was changed by someone else. Reload the page to see their changes.");
                }
                change.accept(issue);
                issue.updatedAt = Instant.now();
                Issue.flush();
                return issue.version;
            });
        } catch (OptimisticLockException | org.hibernate.StaleStateException race) {
            throw new Conflict("This issue was changed by someone else. Reload the page to see their changes.");
        } catch (RuntimeException e) {
            if (e.getCause() instanceof OptimisticLockException || e.getCause() instanceof org.hibernate.StaleStateException) {
                throw new Conflict("This issue was changed by someone else. Reload the page to see their changes.");
            }
            throw e;
        }
    }

    /** The fields of an issue an editor writes; null leaves a field as it is. */
    @Schema(name = "IssueFields")
    public record Fields(String title, String subject, String intro, String footer, String sponsorName, String sponsorUrl,
            String sponsorText, String sponsorImage, String preheader) {

        public Fields(String title, String subject, String intro, String footer, String sponsorName, String sponsorUrl,
                String sponsorText, String sponsorImage) {
            this(title, subject, intro, footer, sponsorName, sponsorUrl, sponsorText, sponsorImage, null);
        }
    }

    public long updateFields(long issueId, long version, Fields f) {
        return change(issueId, version, issue -> {
            if (f.title() != null) {
                issue.title = oneLine(f.title(), 300, "title");
            }
            if (f.subject() != null) {
                issue.subject = subject(f.subject());
            }
            if (f.preheader() != null) {
                issue.preheader = blankToNull(oneLineOrEmpty(f.preheader(), 300));
            }
            if (f.intro() != null) {
                issue.intro = limit(f.intro(), INTRO_LIMIT);
            }
            if (f.footer() != null) {
                issue.footer = limit(f.footer(), 5000);
            }
            if (f.sponsorName() != null) {
                issue.sponsorName = blankToNull(oneLineOrEmpty(f.sponsorName(), 200));
            }
            if (f.sponsorUrl() != null) {
                issue.sponsorUrl = blankToNull(link(f.sponsorUrl(), true));
            }
            if (f.sponsorText() != null) {
                issue.sponsorText = blankToNull(limit(f.sponsorText(), 2000));
            }
            if (f.sponsorImage() != null) {
                issue.sponsorImage = blankToNull(link(f.sponsorImage(), true));
            }
        });
    }

    /**
     * An item's editable parts; null leaves a part as it is. {@code alsoCovered} false drops the item's "Also covered
     * by" line (the other sources of its story), true keeps it again: the undo of a drop.
     */
    public record ItemChange(String title, String blurb, Boolean included, String url, Boolean alsoCovered) {
        public ItemChange(String title, String blurb, Boolean included) {
            this(title, blurb, included, null, null);
        }

        public ItemChange(String title, String blurb, Boolean included, String url) {
            this(title, blurb, included, url, null);
        }
    }

    public long updateItem(long issueId, long version, long itemId, ItemChange c) {
        return change(issueId, version, issue -> {
            Item item = itemOf(issue, itemId);
            if (c.title() != null) {
                item.title = oneLine(c.title(), 1000, "title");
            }
            if (c.blurb() != null) {
                item.blurb = blankToNull(limit(c.blurb(), 5000));
            }
            if (c.included() != null) {
                item.included = c.included();
            }
            if (c.url() != null) {
                leadTo(item, c.url());
            }
            if (c.alsoCovered() != null) {
                if (item.alsoCovered == null) {
                    throw new Rejected("“" + item.title + "” has no other sources to keep or drop.");
                }
                item.alsoCoveredKept = c.alsoCovered();
            }
        });
    }

    /** The order of one section's items after a drag and drop or a move. */
    public record SectionOrder(long sectionId, List<Long> itemIds) {
    }

    /** Puts items in the given sections in the given order (moving items between sections is allowed). */
    public long reorder(long issueId, long version, List<SectionOrder> order) {
        return change(issueId, version, issue -> {
            Map<Long, Item> items = new HashMap<>();
            Map<Long, Section> sections = new HashMap<>();
            issue.sections.forEach(s -> {
                sections.put(s.id, s);
                s.items.forEach(i -> items.put(i.id, i));
            });
            for (SectionOrder o : order) {
                Section target = sections.get(o.sectionId());
                if (target == null) {
                    throw new Rejected("Section " + o.sectionId() + " is not part of this issue.");
                }
                for (int p = 0; p < o.itemIds().size(); p++) {
                    Item item = items.get(o.itemIds().get(p));
                    if (item == null) {
                        throw new Rejected("Item " + o.itemIds().get(p) + " is not part of this issue.");
                    }
                    // only the owning side changes: taking the item out of the old section's list would orphan-delete it
                    item.section = target;
                    item.position = p;
                }
            }
        });
    }

    public long addLink(long issueId, long version, long sectionId, String title, String url, String blurb) {
        long saved = change(issueId, version, issue -> {
            Section section = sectionOf(issue, sectionId);
            Drafts.item(section, Item.Kind.LINK, null, oneLine(title, 1000, "title"), link(url, false), blankToNull(limit(blurb, 5000)),
                    null, true);
        });
        enrichments.request(url.strip()); // fetched by the enrichment pass, not on the editor's request
        return saved;
    }

    public long addSection(long issueId, long version, String title) {
        return change(issueId, version, issue -> {
            Section s = new Section();
            s.issue = issue;
            s.kind = Section.Kind.CUSTOM;
            s.title = oneLine(title, 200, "section title");
            s.position = issue.sections.size();
            issue.sections.add(s);
            s.persist();
        });
    }

    public long updateSection(long issueId, long version, long sectionId, String title, String note) {
        return updateSection(issueId, version, sectionId, title, note, null);
    }

    /**
     * Changes a section's title, note, and whether the email (and the archive) show its items' thumbnails, off until
     * an editor turns them on; null leaves a part as it is.
     */
    public long updateSection(long issueId, long version, long sectionId, String title, String note, Boolean thumbnails) {
        return change(issueId, version, issue -> {
            Section s = sectionOf(issue, sectionId);
            if (thumbnails != null) {
                s.thumbnails = thumbnails;
            }
            if (title != null) {
                s.title = oneLine(title, 200, "section title");
            }
            if (note != null) {
                s.note = blankToNull(limit(note, 5000));
            }
        });
    }

    public long removeSection(long issueId, long version, long sectionId) {
        return change(issueId, version, issue -> {
            issue.sections.removeIf(s -> s.id == sectionId);
            for (int i = 0; i < issue.sections.size(); i++) {
                issue.sections.get(i).position = i;
            }
        });
    }

    /** Where an item leads (an http(s) address); its link check starts over when the address changes. */
    static void leadTo(Item item, String url) {
        String link = link(url, false);
        if (!link.equals(item.url)) {
            item.url = link;
            item.linkStatus = null;
            item.checkedAt = null;
        }
    }

    /**
     * Brings a cancelled issue back as a draft: the undo of a cancel, by the same rule as any status change. An issue
     * whose send had started stays cancelled (see {@link #changeStatus}).
     */
    public void restore(long issueId) {
        changeStatus(issueId, IssueStatus.DRAFT, null);
    }

    static Section sectionOf(Issue issue, long sectionId) {
        return issue.sections.stream().filter(s -> s.id == sectionId).findFirst().orElseThrow(() -> new NotFound("No such section."));
    }

    /** Moves an issue along its life (see {@link IssueStatus}); sending and sent are the sender's to set. */
    public void changeStatus(long issueId, IssueStatus target, Instant scheduledAt) {
        QuarkusTransaction.requiringNew().run(() -> {
            Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> new NotFound("No such issue."));
            if (issue.status == IssueStatus.SENDING && target == IssueStatus.CANCELLED) {
                throw new Conflict("A sending issue is cancelled by cancelling its send, so that its send stops too.");
            }
            if (issue.status == IssueStatus.CANCELLED && target == IssueStatus.DRAFT && issue.sendStarted()) {
                // edited and sent again it would reach the rest with other content, under a number out of order
                long reached = readership.reached(issue.id);
                throw new Conflict(reached > 0
                        ? "Issue " + issue.label() + " was sent to " + reached + (reached == 1 ? " reader" : " readers")
                                + " before it was cancelled: it cannot become a draft again."
                        : "The send of issue " + issue.label() + " had started before it was cancelled: it cannot become a draft again.");
            }
            move(issue, target, scheduledAt);
        });
    }

    /**
     * The send of an issue ended: a sending issue becomes sent (or cancelled), in the transaction that changes the
     * send's state, so the two never disagree. An issue already sent, whose failed deliveries an editor retried,
     * stays sent.
     */
    public void sendEnded(long issueId, IssueStatus target) {
        QuarkusTransaction.joiningExisting().run(() -> {
            Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> new NotFound("No such issue."));
            if (issue.status != IssueStatus.SENT) {
                move(issue, target, null);
            }
        });
    }

    private static void move(Issue issue, IssueStatus target, Instant scheduledAt) {
        if (issue.status == target) {
            throw new Conflict("Issue " + issue.label() + " is " + target.label() + " already: there is nothing to change.");
        }
        if (!issue.status.canBecome(target)) {
            throw new Conflict("A " + issue.status.label() + " issue cannot become " + target.label() + ".");
        }
        if (target == IssueStatus.SCHEDULED) {
            if (scheduledAt == null || scheduledAt.isBefore(Instant.now())) {
                throw new Rejected("Choose a time in the future to schedule the issue.");
            }
            issue.scheduledAt = scheduledAt;
        }
        if (target == IssueStatus.DRAFT) {
            issue.scheduledAt = null;
        }
        Instant now = Instant.now();
        if (target == IssueStatus.SENDING) {
            issue.startsGoingOut(now);
        }
        issue.status = target;
        issue.updatedAt = now;
        if (target == IssueStatus.SENT) {
            issue.sentAt = issue.updatedAt;
            recordFeatures(issue);
        }
    }

    /** Tells the listings which of them this issue featured ("already featured in #12"). */
    private static void recordFeatures(Issue issue) {
        java.util.Set<String> recorded = new java.util.HashSet<>(); // listing_feature_uk: one row per listing and issue
        for (Item item : issue.includedItems()) {
            if ((item.kind == Item.Kind.PROJECT || item.kind == Item.Kind.JOB) && item.refId != null
                    && recorded.add(item.kind + ":" + item.refId)) {
                ListingFeature.record(item.kind == Item.Kind.PROJECT ? ListingFeature.PROJECT : ListingFeature.JOB, item.refId,
                        issue.id, issue.number, issue.sentAt);
            }
        }
    }

    static Item itemOf(Issue issue, long itemId) {
        return issue.sections.stream().flatMap(s -> s.items.stream()).filter(i -> i.id == itemId).findFirst()
                .orElseThrow(() -> new Rejected("Item " + itemId + " is not part of this issue."));
    }

    /** What a subject line may hold besides words; filled in by {@code IssueContent.subject}, the same for every reader. */
    public static final List<String> SUBJECT_PLACEHOLDERS = List.of("{newsletter}", "{number}", "{window}");

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{[^{}\\s]*}");

    /** A subject line: one line, and only the placeholders that are filled in (no {name}: one subject goes to all). */
    static String subject(String s) {
        String v = oneLine(s, 300, "subject");
        java.util.regex.Matcher m = PLACEHOLDER.matcher(v);
        while (m.find()) {
            String p = m.group();
            if (p.equals("{name}")) {
                throw new Rejected("The subject cannot hold {name}: one subject line goes to every reader. "
                        + "Use {name} in the intro instead.");
            }
            if (!SUBJECT_PLACEHOLDERS.contains(p)) {
                throw new Rejected("The subject has an unknown placeholder " + p + ": only "
                        + String.join(", ", SUBJECT_PLACEHOLDERS) + " are filled in.");
            }
        }
        return v;
    }

    static String oneLine(String s, int max, String what) {
        String v = s == null ? "" : s.strip();
        if (v.isEmpty()) {
            throw new Rejected("The " + what + " cannot be empty.");
        }
        return oneLineOrEmpty(v, max);
    }

    static String oneLineOrEmpty(String s, int max) {
        return TextRules.toOneLine(s, max);
    }

    static String limit(String s, int max) {
        if (s == null) {
            return null;
        }
        String v = s.replace("\r\n", "\n");
        return v.length() > max ? v.substring(0, max) : v;
    }

    static String link(String url, boolean optional) {
        String v = url == null ? "" : url.strip();
        if (v.isEmpty() && optional) {
            return "";
        }
        if (!(v.startsWith("https://") || v.startsWith("http://")) || v.length() > 2000 || v.chars().anyMatch(c -> c <= ' ')) {
            throw new Rejected("Links must be web addresses starting with https:// or http://.");
        }
        return v;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
