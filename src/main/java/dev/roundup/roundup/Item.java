package dev.roundup.roundup;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * One entry of a section: a post, project or job copied in when the draft was made (so later edits to the source do
 * not change an issue), or a link an editor added. Excluded items stay as suggestions.
 */
@Entity
@Table(name = "issue_item")
public class Item extends PanacheEntity {

    /** Where an item came from. */
    @Schema(name = "ItemKind")
    public enum Kind {
        POST, PROJECT, JOB, LINK
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

    /** The post, project or job this item was made from; null for links. */
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

    public boolean isBroken() {
        return linkStatus != null && !linkStatus.equals("ok");
    }
}
