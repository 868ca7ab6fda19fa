package dev.roundup.editor;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.roundup.DraftSchedule;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.IssueStatus;
import dev.roundup.settings.NewsletterSettings;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Where this week's issue stands, for the dashboard's next step: the open draft (or when the next one is made), and
 * the last issue sent. An editor's first hour reads it as "make or wait for the draft, then send".
 */
@ApplicationScoped
public class NextSteps {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE, MMM d 'at' HH:mm", Locale.ENGLISH);

    @Inject
    NewsletterSettings newsletter;

    /** The issue being prepared (draft or scheduled), if any. */
    public record Draft(long id, String label, String title, String status) {
    }

    /** The last issue that went out. */
    public record Sent(long id, int number, String title, String on) {
    }

    /**
     * The issues' side of the dashboard. {@code nextDraft}: when the weekly draft is made next, in the newsletter's time
     * zone, or null when automatic drafts are off.
     */
    public record Issues(Draft draft, String nextDraft, Sent lastSent) {
    }

    public Issues issues() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Draft draft = Issue.<Issue>find("status in ?1 order by windowTo desc, id desc", List.of(IssueStatus.DRAFT, IssueStatus.SCHEDULED))
                    .firstResultOptional().map(i -> new Draft(i.id, i.label(), i.title, i.status.name().toLowerCase(Locale.ROOT)))
                    .orElse(null);
            Sent sent = Issue.<Issue>find("status = ?1 and sentAt is not null order by sentAt desc", IssueStatus.SENT)
                    .firstResultOptional().map(i -> new Sent(i.id, i.number, i.title, when(i.sentAt))).orElse(null);
            return new Issues(draft, nextDraft().map(NextSteps.this::when).orElse(null), sent);
        });
    }

    /** When the weekly draft is made next, by the schedule in force (Settings); empty when it is off. */
    Optional<Instant> nextDraft() {
        DraftSchedule schedule = newsletter.draftSchedule();
        if (schedule.off()) {
            return Optional.empty();
        }
        ZonedDateTime now = ZonedDateTime.now(newsletter.zone());
        ZonedDateTime next = now.with(TemporalAdjusters.nextOrSame(schedule.day())).with(schedule.time()).truncatedTo(ChronoUnit.MINUTES);
        return Optional.of((next.isAfter(now) ? next : next.plusWeeks(1)).toInstant());
    }

    private String when(Instant instant) {
        ZoneId zone = newsletter.zone();
        return WHEN.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
