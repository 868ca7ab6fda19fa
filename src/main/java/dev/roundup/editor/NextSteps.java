package dev.roundup.editor;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.RoundupConfig;
import dev.roundup.roundup.Drafts;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.IssueStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;

/**
 * Where this week's issue stands, for the dashboard's next step: the open draft (or when the next one is made), and
 * the last issue sent. An editor's first hour reads it as "make or wait for the draft, then send".
 */
@ApplicationScoped
public class NextSteps {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE, MMM d 'at' HH:mm", Locale.ENGLISH);

    @Inject
    Scheduler scheduler;

    @Inject
    RoundupConfig roundup;

    /** The issue being prepared (draft or scheduled), if any. */
    public record Draft(long id, int number, String title, String status) {
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
                    .firstResultOptional().map(i -> new Draft(i.id, i.number, i.title, i.status.name().toLowerCase(Locale.ROOT)))
                    .orElse(null);
            Sent sent = Issue.<Issue>find("status = ?1 and sentAt is not null order by sentAt desc", IssueStatus.SENT)
                    .firstResultOptional().map(i -> new Sent(i.id, i.number, i.title, when(i.sentAt))).orElse(null);
            return new Issues(draft, nextDraft().map(NextSteps.this::when).orElse(null), sent);
        });
    }

    /** When the scheduler runs the weekly draft next; empty when its cron is {@code off}. */
    Optional<Instant> nextDraft() {
        String weekly = Drafts.class.getName() + "#";
        return scheduler.getScheduledJobs().stream().filter(t -> t.getMethodDescription() != null && t.getMethodDescription().startsWith(weekly))
                .map(Trigger::getNextFireTime).filter(java.util.Objects::nonNull).min(Instant::compareTo);
    }

    private String when(Instant instant) {
        return WHEN.format(instant.atZone(roundup.timezone())) + " (" + roundup.timezone().getId() + ")";
    }
}
