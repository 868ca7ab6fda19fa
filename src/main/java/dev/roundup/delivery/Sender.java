package dev.roundup.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.roundup.Curation;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.IssueStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Starting, pausing, resuming and cancelling the send of an issue, and how far it has got. Starting fixes the
 * recipient set (one delivery row per confirmed subscriber, in one statement); the work itself is done by
 * {@link SendWorkers} on every instance that shares the database.
 */
@ApplicationScoped
public class Sender {

    @Inject
    Jdbc jdbc;

    @Inject
    Deliveries deliveries;

    @Inject
    Curation curation;

    @Inject
    BounceCap bounceCap;

    /** How a send stands, for the progress bar and the API. */
    public record Progress(long issueId, String state, String reason, int total, long sent, long failed, long skipped, long pending,
            double perSecond, Long etaSeconds) {
    }

    /** Starts sending an issue now (a draft or scheduled one). Returns the number of recipients. */
    public int start(long issueId) {
        return start(issueId, null);
    }

    /**
     * Starts sending an issue as an editor saw it: {@code seenVersion} is the version their page showed (null when no
     * page is involved, as for a scheduled send). If the issue changed since, nothing is sent: they look again first.
     */
    public int start(long issueId, Long seenVersion) {
        // the status change, the recipient set and the send record commit together or not at all
        return QuarkusTransaction.requiringNew().call(() -> {
            Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> new Curation.Rejected("No such issue."));
            if (!issue.status.canBecome(IssueStatus.SENDING)) {
                throw new Curation.Conflict("A " + issue.status.label() + " issue cannot be sent.");
            }
            if (seenVersion != null && seenVersion != issue.version) {
                throw new Curation.Conflict("This issue has changed since this page showed it (another editor or another tab): "
                        + "nothing was sent. Look at it again, then send.");
            }
            Instant now = Instant.now();
            issue.status = IssueStatus.SENDING;
            issue.updatedAt = now;
            int recipients = deliveries.createFor(issueId, now);
            IssueSend send = IssueSend.<IssueSend>findByIdOptional(issueId).orElseGet(IssueSend::new);
            send.issueId = issueId;
            send.state = IssueSend.RUNNING;
            send.stateReason = null;
            send.total = recipients;
            send.startedAt = now;
            send.finishedAt = null;
            send.persist();
            IssueSend.flush();
            // the cap counts per run: a send started again (after a cancel) has a cap of its own
            IssueSend.getEntityManager().createNativeQuery("update issue_send set hard_bounces = 0, bounce_allowance = null where issue_id = ?1")
                    .setParameter(1, issueId).executeUpdate();
            return recipients;
        });
    }

    public void pause(long issueId, String reason) {
        setState(issueId, IssueSend.RUNNING, IssueSend.PAUSED, reason);
    }

    public void resume(long issueId) {
        setState(issueId, IssueSend.PAUSED, IssueSend.RUNNING, null);
        bounceCap.extendIfUsedUp(issueId); // a human looked: the send may bounce one cap more before asking again
    }

    /**
     * Retries the failed deliveries of an issue (see {@link Deliveries#retryFailed}) and runs its send again if it
     * was done or paused. Returns how many deliveries are due again.
     */
    public int retryFailed(long issueId) {
        String state = QuarkusTransaction.requiringNew().call(() -> find(issueId).state);
        if (state.equals(IssueSend.CANCELLED)) {
            throw new Curation.Conflict("This send was cancelled: send the issue again instead.");
        }
        int again = deliveries.retryFailed(issueId, Instant.now());
        if (again == 0) {
            throw new Curation.Conflict("No failed deliveries to retry (readers who left or bounced stay as they are).");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            IssueSend send = find(issueId);
            if (!send.state.equals(IssueSend.CANCELLED)) {
                send.state = IssueSend.RUNNING;
                send.stateReason = null;
                send.finishedAt = null;
            }
        });
        return again;
    }

    /** Stops for good: nothing more is sent; what was sent stays sent. */
    public void cancel(long issueId) {
        QuarkusTransaction.requiringNew().run(() -> {
            IssueSend send = find(issueId);
            if (send.state.equals(IssueSend.DONE) || send.state.equals(IssueSend.CANCELLED)) {
                throw new Curation.Conflict("This send is already " + send.state + ".");
            }
            send.state = IssueSend.CANCELLED;
            send.stateReason = "cancelled by an editor";
            send.finishedAt = Instant.now();
        });
        curation.changeStatus(issueId, IssueStatus.CANCELLED, null);
    }

    /** Marks the send done and the issue sent once no delivery is left to try. */
    void finishIfDone(long issueId) {
        Map<String, Long> counts = deliveries.counts(issueId);
        if (counts.get("pending") + counts.get("claimed") > 0) {
            return;
        }
        // every worker of every instance may get here at once: one conditional update decides who finishes
        boolean finished = QuarkusTransaction.requiringNew().call(() -> IssueSend.update(
                "state = ?1, finishedAt = ?2 where issueId = ?3 and state = ?4", IssueSend.DONE, Instant.now(), issueId, IssueSend.RUNNING) == 1);
        if (finished && QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>findById(issueId).status == IssueStatus.SENDING)) {
            curation.changeStatus(issueId, IssueStatus.SENT, null);
        }
    }

    public Progress progress(long issueId) {
        IssueSend send = QuarkusTransaction.requiringNew().call(() -> IssueSend.<IssueSend>findById(issueId));
        if (send == null) {
            return new Progress(issueId, "not started", null, 0, 0, 0, 0, 0, 0, null);
        }
        Map<String, Long> c = deliveries.counts(issueId);
        double rate = deliveries.sentSince(issueId, Instant.now().minus(Duration.ofSeconds(10))) / 10.0;
        long pending = c.get("pending") + c.get("claimed");
        Long eta = rate > 0 && send.state.equals(IssueSend.RUNNING) ? (long) Math.ceil(pending / rate) : null;
        return new Progress(issueId, send.state, send.stateReason, send.total, c.get("sent"), c.get("failed"), c.get("skipped"),
                pending, rate, eta);
    }

    /** Sends that should be worked on now. */
    public List<Long> running() {
        return QuarkusTransaction.requiringNew().call(() -> IssueSend.<IssueSend>list("state", IssueSend.RUNNING).stream()
                .map(s -> s.issueId).toList());
    }

    /** Asked by every worker several times a second, so it is one plain query, not an ORM load in a JTA transaction. */
    boolean isRunning(long issueId) {
        return IssueSend.RUNNING.equals(jdbc.text("select state from issue_send where issue_id = ?", issueId));
    }

    private void setState(long issueId, String from, String to, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            IssueSend send = find(issueId);
            if (!send.state.equals(from)) {
                throw new Curation.Conflict("This send is " + send.state + ", not " + from + ".");
            }
            send.state = to;
            send.stateReason = reason;
        });
    }

    private static IssueSend find(long issueId) {
        IssueSend send = IssueSend.findById(issueId);
        if (send == null) {
            throw new Curation.Conflict("This issue has not been sent.");
        }
        return send;
    }
}
