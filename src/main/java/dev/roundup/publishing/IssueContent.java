package dev.roundup.publishing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.roundup.enrichment.Enrichments;
import dev.roundup.enrichment.LinkCard;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.Item;
import dev.roundup.roundup.Markdown;
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
     * {@link Markdown#literal} when the draft took it), here as safe HTML and as text. {@code readingTime} ("6 min
     * read") when Roundup read the page, {@code thumbnail} (an address on Roundup, never the linked site's) when the
     * section shows thumbnails and the page had a picture. {@code alsoCovered}: the other sources of the story, unless
     * the editor dropped the line; their links go straight to the posts, never through the click counts.
     */
    public record Entry(String title, String url, String blurbHtml, String blurbText, String source, String readingTime,
            String thumbnail, List<Item.Coverage> alsoCovered) {

        /** The line under the title: the source and the reading time, as far as they are known. */
        public String byline() {
            String line = java.util.stream.Stream.of(source, readingTime).filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.joining(" · "));
            return line.isEmpty() ? null : line;
        }
    }

    /**
     * Where the item and sponsor links of one rendering lead: straight to their targets, or through the click-counting
     * redirect. Links inside the intro's, notes' and blurbs' Markdown, the archive link and unsubscribe links are
     * never rewritten.
     */
    interface Links {
        /** Every link straight to its target: the web version, and the email while click counts are off. */
        Links DIRECT = new Links() {
            @Override
            public String item(Item item) {
                return item.url;
            }

            @Override
            public String sponsor(Issue issue) {
                return issue.sponsorUrl;
            }
        };

        String item(Item item);

        /** The sponsor's link (called only when the issue has one). */
        String sponsor(Issue issue);
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
    static IssueContent of(Issue issue, String archiveUrl, Reader reader, DayOfWeek weekday, String newsletter,
            UnaryOperator<String> link, Links links) {
        String window = Drafts.window(issue.windowFrom, issue.windowTo);
        String intro = intro(issue.intro, window, reader, weekday);
        Sponsor sponsor = issue.hasSponsor() ? new Sponsor(issue.sponsorName,
                issue.sponsorUrl == null || issue.sponsorUrl.isBlank() ? issue.sponsorUrl : links.sponsor(issue), issue.sponsorText, issue.sponsorImage) : null;
        Map<String, LinkCard> cards = Enrichments.cards(issue.sections.stream().flatMap(s -> s.includedItems().stream()).map(i -> i.url).toList());
        List<Part> parts = issue.sections.stream().filter(s -> !s.includedItems().isEmpty() || (s.note != null && !s.note.isBlank()))
                .map(s -> part(s, cards, link, links)).toList();
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

    private static Part part(Section s, Map<String, LinkCard> cards, UnaryOperator<String> link, Links links) {
        return new Part(s.title, Markdown.html(s.note), Markdown.text(s.note),
                s.includedItems().stream().map(i -> entry(i, cards.get(i.url), s.thumbnails, link, links)).toList());
    }

    private static Entry entry(Item i, LinkCard card, boolean thumbnails, UnaryOperator<String> link, Links links) {
        String thumbnail = thumbnails && card != null && card.thumbnailPath() != null ? link.apply(card.thumbnailPath()) : null;
        String source = source(i.kind, i.title, i.source);
        if (source == null && i.kind == Item.Kind.LINK && card != null) {
            source = card.siteName(); // a link the editor added names no source: the page's own site name does
        }
        return new Entry(i.title, links.item(i), Markdown.html(i.blurb), Markdown.text(i.blurb), source, card == null ? null : card.readingTime(),
                thumbnail, i.alsoCoveredShown());
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
        return summary(introText);
    }

    /** The intro as readers read it: its placeholders filled in. */
    private static String intro(String intro, String window, Reader reader, DayOfWeek weekday) {
        return intro == null ? "" : intro.replace("{weekday}", weekday.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .replace("{window}", window).replace("{firstName}", reader.firstName()).replace("{name}", reader.name());
    }

    /** An issue's {@link #summary()} from its own columns, without reading its sections: for lists of issues. */
    static String summary(String intro, String window, Reader reader, DayOfWeek weekday) {
        return summary(Markdown.text(intro(intro, window, reader, weekday)));
    }

    private static String summary(String introText) {
        String text = introText.replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 199) + "…" : text;
    }
}
