package dev.roundup.roundup;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** A titled part of an issue (Projects, Jobs, From the Community, Support, or one an editor added) with its items. */
@Entity
@Table(name = "issue_section")
public class Section extends PanacheEntity {

    /** What fills a section when the draft is made. */
    public enum Kind {
        PROJECTS, JOBS, COMMUNITY, CUSTOM
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "issue_id")
    public Issue issue;

    @Column(nullable = false)
    public int position;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Kind kind;

    @Column(nullable = false, length = 200)
    public String title;

    /** Text shown under the section title (Markdown), e.g. Support's "use one of the links below". */
    @Column(length = 5000)
    public String note;

    /** Whether readers see the items' thumbnails (served by Roundup) in this section; off by default. */
    @Column(nullable = false)
    public boolean thumbnails;

    @OneToMany(mappedBy = "section", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Item> items = new ArrayList<>();

    public List<Item> includedItems() {
        return items.stream().filter(i -> i.included).toList();
    }

    public List<Item> suggestions() {
        return items.stream().filter(i -> !i.included).toList();
    }
}
