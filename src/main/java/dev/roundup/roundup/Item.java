package dev.roundup.roundup;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roundup.TextRules;
import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * One entry of a section: a post, project or job copied in when the draft was made (so later edits to the source do
 * not change an issue), or a link an editor added. Excluded items stay as suggestions.
 */
@Entity
@Table(name = "issue_item")
public class Item extends PanacheEntity {

    /** Where an item came from: a suggestion is a link a reader suggested and an editor accepted. */
    @Schema(name = "ItemKind")
    public enum Kind {
        POST, PROJECT, JOB, LINK, SUGGESTION
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "section_id")
    public Section section;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public boolean included;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Kind kind;

    /** The post, project, job or suggestion this item was made from; null for links. */
    @Column(name = "ref_id")
    public Long refId;

    @Column(nullable = false, length = 1000)
    public String title;

    @Column(nullable = false, length = 2000)
    public String url;

    /** Plain text written or edited by the editor. */
    @Column(length = 5000)
    public String blurb;

    /** The blog, company or maker, shown beside the title. */
    @Column(length = 300)
    public String source;

    /** Result of the last dead-link check: null (not checked), "ok", or what went wrong. */
    @Column(name = "link_status", length = 200)
    public String linkStatus;

    @Column(name = "checked_at")
    public Instant checkedAt;

    /**
     * The other posts of the same story ({@link StoryClusters}), one line each: the post's address, a tab, its
     * source's name; null when no other post told it.
     */
    @Column(name = "also_covered", length = 4000)
    public String alsoCovered;

    /** Whether readers see the "Also covered by" line; false once the editor dropped it. */
    @Column(name = "also_covered_kept", nullable = false)
    public boolean alsoCoveredKept = true;

    /** Another source that told an item's story: its name and its post. */
    @Schema(name = "AlsoCovered")
    public record Coverage(String source, String url) {
    }

    /** The other sources of this item's story, whether the editor keeps the line or not. */
    public List<Coverage> coverage() {
        return alsoCovered == null ? List.of() : alsoCovered.lines().filter(l -> l.contains("\t"))
                .map(l -> new Coverage(l.substring(l.indexOf('\t') + 1), l.substring(0, l.indexOf('\t')))).toList();
    }

    /** What readers see under the item: the other sources, unless the editor dropped the line. */
    public List<Coverage> alsoCoveredShown() {
        return alsoCoveredKept ? coverage() : List.of();
    }

    /** Records the other sources of the story; as many as the column holds, in the order given. */
    void coveredAlsoBy(List<Coverage> others) {
        StringBuilder lines = new StringBuilder();
        for (Coverage c : others) {
            String line = c.url() + "\t" + TextRules.toOneLine(c.source() == null ? "" : c.source().replace('\t', ' '), 300) + "\n";
            if (c.url().length() > 2000 || lines.length() + line.length() > 4000) {
                continue;
            }
            lines.append(line);
        }
        alsoCovered = lines.isEmpty() ? null : lines.toString();
    }

    public boolean isBroken() {
        return linkStatus != null && !linkStatus.equals("ok");
    }
}
