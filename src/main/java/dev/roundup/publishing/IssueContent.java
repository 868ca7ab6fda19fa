package dev.roundup.publishing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.Item;
import dev.roundup.roundup.Section;

/**
 * What readers see of an issue, read once from the database and shared by every rendering (email HTML, text, web,
 * feeds): included items only, in the editor's order; Markdown already turned into safe HTML. The {@link Reader}'s
 * values (or markers a reader's copy fills) stand where the reader's name and first name go.
 */
public record IssueContent(long id, Integer number, String title, String subject, String window, String introHtml, String introText,
        String footerHtml, String footerText, Sponsor sponsor, List<Part> sections, String archiveUrl, LocalDate sentOn, String preheader) {

    /** The sponsor block, or null. */
    public record Sponsor(String name, String url, String text, String image) {
    }

    /** A section with its included items. */
    public record Part(String title, String noteHtml, String noteText, List<Entry> items) {
    }

    /**
     * One item as readers see it; the blurb is Markdown like the intro (a copied excerpt was made
     * {@link Markdown#literal} when the draft took it), here as safe HTML and as text.
     */
    public record Entry(String title, String url, String blurbHtml, String blurbText, String source) {
    }

    /** What stands for the reader in the intro: {@code {name}} and {@code {firstName}}. */
    record Reader(String name, String firstName) {
        /** What both hold: the renderer's two markers begin alike, so a word holding either is kept whole. */
        String shared() {
            int n = 0;
            while (n < Math.min(name.length(), firstName.length()) && name.charAt(n) == firstName.charAt(n)) {
                n++;
            }
            return name.substring(0, n);
        }
    }

    /** {@code weekday}: the day the issue goes out, for {@code {weekday}}. */
    static IssueContent of(Issue issue, String archiveUrl, Reader reader, DayOfWeek weekday, String newsletter) {
        String window = Drafts.window(issue.windowFrom, issue.windowTo);
        String intro = issue.intro == null ? "" : issue.intro.replace("{weekday}", weekday.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .replace("{window}", window).replace("{firstName}", reader.firstName()).replace("{name}", reader.name());
        Sponsor sponsor = issue.hasSponsor() ? new Sponsor(issue.sponsorName, issue.sponsorUrl, issue.sponsorText, issue.sponsorImage) : null;
        List<Part> parts = issue.sections.stream().filter(s -> !s.includedItems().isEmpty() || (s.note != null && !s.note.isBlank()))
                .map(IssueContent::part).toList();
        String introText = Markdown.text(intro);
        return new IssueContent(issue.id, issue.number, issue.title, subject(issue.subject, newsletter, issue.number, window), window,
                Markdown.html(intro), introText, Markdown.html(issue.footer), Markdown.text(issue.footer), sponsor, parts, archiveUrl,
                issue.sentAt == null ? null : LocalDate.ofInstant(issue.sentAt, java.time.ZoneOffset.UTC),
                Preheader.of(issue.preheader, introText, reader.shared()));
    }

    /**
     * The one place a subject line is made: the issue's subject with {newsletter}, {number} and {window} filled in
     * (a new draft's subject is {@code roundup.issues.subject}, "{newsletter} #{number}: {window}").
     */
    static String subject(String subject, String newsletter, Integer number, String window) {
        // a draft (a preview, a test mail) has no number yet: it takes one when it goes out
        String withNumber = number == null ? subject.replace("#{number}", "draft").replace("{number}", "draft")
                : subject.replace("{number}", String.valueOf(number));
        return withNumber.replace("{newsletter}", newsletter).replace("{window}", window);
    }

    private static Part part(Section s) {
        return new Part(s.title, Markdown.html(s.note), Markdown.text(s.note),
                s.includedItems().stream().map(IssueContent::entry).toList());
    }

    private static Entry entry(Item i) {
        return new Entry(i.title, i.url, Markdown.html(i.blurb), Markdown.text(i.blurb), source(i.kind, i.title, i.source));
    }

    /**
     * The source under an item, unless it is a job whose title already ends with it (a job's title reads
     * "… at Company"); a post "Culture at GitLab" from GitLab keeps its source.
     */
    static String source(Item.Kind kind, String title, String source) {
        boolean named = kind == Item.Kind.JOB && title.strip().endsWith(" at " + (source == null ? "" : source.strip()));
        return source == null || source.isBlank() || named ? null : source;
    }

    /** "Issue #3" for readers; a draft, seen in a preview or test mail, has no number yet. */
    public String label() {
        return number == null ? "Draft issue" : "Issue #" + number;
    }

    /** The first words of the intro, for link previews and feed summaries. */
    public String summary() {
        String text = introText.replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 199) + "…" : text;
    }
}
