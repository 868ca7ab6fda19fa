package dev.roundup.roundup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * One issue of the newsletter: its number, its week (from one Monday to the next, in the newsletter's time zone),
 * subject and intro, sponsor, footer, and ordered sections of items. {@link #version} catches two editors at once.
 */
@Entity
@Table(name = "newsletter_issue")
public class Issue extends PanacheEntity {

    @Column(nullable = false, unique = true)
    public int number;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(nullable = false, length = 300)
    public String subject;

    /** First day of the issue's week. */
    @Column(name = "window_from", nullable = false)
    public LocalDate windowFrom;

    /** The day after the week: posts up to (not including) this day belong to the issue. */
    @Column(name = "window_to", nullable = false)
    public LocalDate windowTo;

    /** The inbox's preview text beside the subject; null for the intro's first sentence. */
    @Column(length = 300)
    public String preheader;

    /** Markdown; {window} and {weekday} are replaced when rendered. */
    @Column(length = 20000)
    public String intro;

    /** "Why you are getting this". Markdown. */
    @Column(length = 5000)
    public String footer;

    @Column(name = "sponsor_name", length = 200)
    public String sponsorName;

    @Column(name = "sponsor_url", length = 2000)
    public String sponsorUrl;

    @Column(name = "sponsor_text", length = 2000)
    public String sponsorText;

    @Column(name = "sponsor_image", length = 2000)
    public String sponsorImage;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public IssueStatus status = IssueStatus.DRAFT;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    @OneToMany(mappedBy = "issue", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Section> sections = new ArrayList<>();

    public static Optional<Issue> findByNumber(int number) {
        return find("number", number).firstResultOptional();
    }

    public static Optional<Issue> forWindow(LocalDate from, LocalDate to) {
        return find("windowFrom = ?1 and windowTo = ?2", from, to).firstResultOptional();
    }

    public static int nextNumber() {
        Integer max = getEntityManager().createQuery("select max(i.number) from Issue i", Integer.class).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    public boolean hasSponsor() {
        return sponsorName != null && !sponsorName.isBlank();
    }

    /** Items shown to readers, in every section, in order. */
    public List<Item> includedItems() {
        List<Item> items = new ArrayList<>();
        sections.forEach(s -> items.addAll(s.includedItems()));
        return items;
    }
}
