package dev.roundup.roundup;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * One issue of the newsletter: its number (readers' numbers: given when its send starts, so a draft has none), its week (from one Monday to the next, in the newsletter's time zone),
 * subject and intro, sponsor, footer, and ordered sections of items. {@link #version} catches two editors at once.
 */
@Entity
@Table(name = "newsletter_issue")
public class Issue extends PanacheEntity {

    /** 1, 2, 3… in the order issues go out; null until the send starts (see {@link #numberForSending}). */
    @Column(unique = true)
    public Integer number;

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

    /** Markdown; {window}, {weekday}, {name} and {firstName} are replaced when rendered. */
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

    /** When the issue goes out: the time it is scheduled for, and once its send starts, the time it started. */
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

    /**
     * The day up to which issues that were not cancelled cover the weeks before {@code day}: the latest end of a
     * window that starts before it. Empty when no such issue exists.
     */
    public static Optional<LocalDate> coveredUntil(LocalDate day) {
        return Optional.ofNullable(getEntityManager().createQuery(
                "select max(i.windowTo) from Issue i where i.windowFrom < ?1 and i.status <> ?2", LocalDate.class)
                .setParameter(1, day).setParameter(2, IssueStatus.CANCELLED).getSingleResult());
    }

    public static Optional<Issue> forWindow(LocalDate from, LocalDate to) {
        return find("windowFrom = ?1 and windowTo = ?2", from, to).firstResultOptional();
    }

    /**
     * Its send starts at {@code now}: the issue takes the next number readers see and the day it goes out, so that
     * every copy of this send says the same {@code {weekday}}, also one rendered after a pause or a restart, and a
     * scheduled issue sent now says today rather than its scheduled day.
     */
    public void startsGoingOut(Instant now) {
        numberForSending();
        scheduledAt = now;
    }

    /** Whether its send ever started: numbers are given at the start, so an issue with one reached readers or was about to. */
    public boolean sendStarted() {
        return number != null;
    }

    /**
     * Gives this issue the next number readers see, in the caller's transaction (the send's start), unless it has one
     * already. The counter row is
     * locked by the update until the transaction ends, so two instances starting sends take turns, and a start that
     * rolls back gives its number back.
     */
    private void numberForSending() {
        if (number != null) {
            return;
        }
        var em = getEntityManager();
        em.createNativeQuery("update issue_numbering set last_number = last_number + 1 where id = 1").executeUpdate();
        number = ((Number) em.createNativeQuery("select last_number from issue_numbering where id = 1").getSingleResult()).intValue();
    }

    /** How editors tell issues apart: "#3" once numbered, "draft #12" (its id) before. */
    public String label() {
        return label(number, id);
    }

    /** {@link #label()} from the two columns, for queries that read only those. */
    public static String label(Integer number, Long id) {
        return number != null ? "#" + number : "draft #" + id;
    }

    /**
     * When the issue goes out: the time its send started or it is scheduled for, else the time it went out, else (a
     * draft being read) now.
     */
    public Instant goesOutAt(Instant now) {
        return scheduledAt != null ? scheduledAt : sentAt != null ? sentAt : now;
    }

    /** The weekday readers get the issue on, in the newsletter's time zone: the intro's {@code {weekday}}. */
    public DayOfWeek weekdayOut(ZoneId zone, Instant now) {
        return goesOutAt(now).atZone(zone).getDayOfWeek();
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

    /** The titles of these issues, by id, for another feature's page: one query. */
    public static Map<Long, String> titles(Collection<Long> ids) {
        Map<Long, String> titles = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : getEntityManager().createQuery("select i.id, i.title from Issue i where i.id in :ids", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                titles.put((Long) row[0], (String) row[1]);
            }
        }
        return titles;
    }
}
