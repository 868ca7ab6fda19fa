package dev.roundup.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roundup.Conflict;
import dev.roundup.NotFound;
import dev.roundup.roundup.Curation;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.IssueStatus;
import dev.roundup.delivery.SendState.Change;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The sends of issues ({@link IssueSend}): starting, pausing, resuming, retrying and cancelling one, each a change
 * {@link SendState} allows, and how far it has got. Starting fixes the recipient set (one delivery row per
 * recipient, in one statement); the work itself is done by the {@link WorkerPool} of every instance that shares the
 * database.
 */
@ApplicationScoped
public class IssueSends {

    @Inject
    Jdbc jdbc;

    @Inject
    Deliveries deliveries;

    @Inject
    Curation curation;

    @Inject
    BounceCap bounceCap;

    /**
     * How a send stands, for the progress bar and the API: the counts, the measured rate and time left
     * ({@link SendRate}), the editor's actions the state allows now ({@link #actions}), and all of it in words.
     */
    @Schema(name = "SendProgress")
    public record Progress(long issueId, String state, String reason, int total, long sent, long failed, long skipped, long pending,
            double perSecond, Long etaSeconds, Instant startedAt, Instant finishedAt, List<String> actions, String summary) {

        /** Deliveries that are through: sent, failed or skipped. */
        public long done() {
            return sent + failed + skipped;
        }

        /** Whether the editor's action ({@code pause}, {@code resume}, {@code retry-failed}, {@code cancel}) applies now. */
        public boolean can(String action) {
            return actions.contains(action);
        }
    }

    /** The editor's actions on a send, by the name the page and the API use, and the change each one asks for. */
    private static final List<Map.Entry<String, Change>> ACTIONS = List.of(Map.entry("pause", Change.PAUSE), Map.entry("resume", Change.RESUME),
            Map.entry("retry-failed", Change.RETRY_FAILED), Map.entry("cancel", Change.CANCEL));

    /** The actions that apply: those {@link SendState} allows now, and retrying failed deliveries only when there are some. */
    static List<String> actions(SendState state, long failed) {
        return ACTIONS.stream().filter(a -> state.allows(a.getValue()))
                .filter(a -> a.getValue() != Change.RETRY_FAILED || failed > 0).map(Map.Entry::getKey).toList();
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
        return changing(() -> {
            Issue issue = Issue.<Issue>findByIdOptional(issueId).orElseThrow(() -> new NotFound("No such issue."));
            if (!issue.status.canBecome(IssueStatus.SENDING)) {
                throw new Conflict("A " + issue.status.label() + " issue cannot be sent.");
            }
            if (seenVersion != null && seenVersion != issue.version) {
                throw new Conflict("This issue has changed since this page showed it (another editor or another tab): "
                        + "nothing was sent. Look at it again, then send.");
            }
            Instant now = Instant.now();
            issue.status = IssueStatus.SENDING;
            issue.updatedAt = now;
            issue.startsGoingOut(now); // readers' numbers follow the order issues go out; {weekday} is today's
            int recipients = deliveries.createFor(issueId, now);
            IssueSend send = IssueSend.<IssueSend>findById(issueId);
            if (send == null) {
                send = new IssueSend();
                send.issueId = issueId;
                send.state = SendState.RUNNING;
            } else {
                send.apply(Change.START, null);
            }
            send.total = recipients;
            send.startedAt = now;
            send.persist();
            IssueSend.flush();
            // the cap counts per run: a send started again (after a cancel) has a cap of its own
            IssueSend.getEntityManager().createNativeQuery("update issue_send set hard_bounces = 0, bounce_allowance = null where issue_id = ?1")
                    .setParameter(1, issueId).executeUpdate();
            return recipients;
        });
    }

    /** An editor pauses the send (a 409 if it changed meanwhile: they look again). */
    public void pause(long issueId, String reason) {
        change(issueId, Change.PAUSE, reason);
    }

    /**
     * The engine pauses the send (the relay, the cap, an outage). Another change may have been committed since the
     * state was read (an editor cancelling, another worker pausing): then it looks again, and the state it finds may
     * allow no pause, which it refuses like any other.
     */
    void pauseItself(long issueId, String reason) {
        for (int attempt = 1;; attempt++) {
            try {
                change(issueId, Change.PAUSE, reason);
                return;
            } catch (ChangedMeanwhile e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    public void resume(long issueId) {
        change(issueId, Change.RESUME, null);
        bounceCap.extendIfUsedUp(issueId); // a human looked: the send may bounce one cap more before asking again
    }

    /**
     * Retries the failed deliveries of an issue (see {@link Deliveries#retryFailed}): a done send runs again, a
     * running one picks them up, a paused one stays paused until an editor resumes it. Returns how many are due again.
     */
    public int retryFailed(long issueId) {
        // the deliveries and the send change together: a send left done with deliveries due again would never finish.
        // The send's row is locked first, as finishIfDone locks it before it counts: the two take turns
        return changing(() -> {
            IssueSend send = find(issueId, LockModeType.PESSIMISTIC_WRITE);
            send.apply(Change.RETRY_FAILED, null);
            int again = deliveries.retryFailed(issueId, Instant.now());
            if (again == 0) {
                throw new Conflict("No failed deliveries to retry (readers who left or bounced stay as they are).");
            }
            return again;
        });
    }

    /** Stops for good: nothing more is sent; what was sent stays sent. The issue is cancelled with its send. */
    public void cancel(long issueId) {
        changing(() -> {
            find(issueId).apply(Change.CANCEL, "cancelled by an editor");
            curation.sendEnded(issueId, IssueStatus.CANCELLED);
            return null;
        });
    }

    /** Marks the send done and the issue sent, in one transaction, once no delivery is left to try. */
    void finishIfDone(long issueId) {
        Map<DeliveryStatus, Long> counts = deliveries.counts(issueId);
        if (counts.get(DeliveryStatus.PENDING) + counts.get(DeliveryStatus.CLAIMED) > 0) {
            return; // the common answer, without a lock
        }
        QuarkusTransaction.requiringNew().run(() -> {
            // every worker of every instance may get here at once, and an editor may retry failed deliveries meanwhile:
            // the send's row is locked, then what is left is counted again. A retry locks the row too, so it either
            // committed before this count (its rows are counted) or comes after the send is done (and runs it again)
            IssueSend send = IssueSend.findById(issueId, LockModeType.PESSIMISTIC_WRITE);
            if (send == null || !send.state.allows(Change.FINISH) || deliveries.leftToTry(issueId) > 0) {
                return;
            }
            send.apply(Change.FINISH, null);
            curation.sendEnded(issueId, IssueStatus.SENT);
        });
    }

    public Progress progress(long issueId) {
        IssueSend send = QuarkusTransaction.requiringNew().call(() -> IssueSend.<IssueSend>findById(issueId));
        if (send == null) {
            return new Progress(issueId, "not started", null, 0, 0, 0, 0, 0, 0, null, null, null, List.of(), "Not sent yet.");
        }
        Map<DeliveryStatus, Long> c = deliveries.counts(issueId);
        Instant now = Instant.now();
        SendRate rate = SendRate.measure(deliveries.sentSince(issueId, now.minus(SendRate.WINDOW)), now);
        long pending = c.get(DeliveryStatus.PENDING) + c.get(DeliveryStatus.CLAIMED);
        Long eta = send.state == SendState.RUNNING ? rate.secondsLeft(pending) : null;
        long sent = c.get(DeliveryStatus.SENT);
        long failed = c.get(DeliveryStatus.FAILED);
        long skipped = c.get(DeliveryStatus.SKIPPED);
        return new Progress(issueId, send.state.label(), send.stateReason, send.total, sent, failed, skipped, pending, rate.perSecond(), eta,
                send.startedAt, send.finishedAt, actions(send.state, failed),
                SendSummary.of(send.state, send.stateReason, send.total, sent, failed, skipped, rate, eta));
    }

    /** Sends that should be worked on now. */
    public List<Long> running() {
        return QuarkusTransaction.requiringNew().call(() -> IssueSend.<IssueSend>list("state", SendState.RUNNING).stream()
                .map(s -> s.issueId).toList());
    }

    /** Asked by every worker several times a second, so it is one plain query, not an ORM load in a JTA transaction. */
    boolean isRunning(long issueId) {
        return SendState.RUNNING.label().equals(jdbc.text("select state from issue_send where issue_id = ?", issueId));
    }

    private void change(long issueId, Change change, String reason) {
        changing(() -> {
            find(issueId).apply(change, reason);
            return null;
        });
    }

    /**
     * A change of a send in its own transaction, written at its end only if the send is still at the version it read
     * ({@link IssueSend#version}); otherwise refused as {@link ChangedMeanwhile}, and nothing of it is kept.
     */
    private static <T> T changing(java.util.function.Supplier<T> change) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                T result = change.get();
                IssueSend.flush(); // a change committed meanwhile shows here: the version read is no longer there
                return result;
            });
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                    throw new ChangedMeanwhile();
                }
            }
            throw e;
        }
    }

    /** The send changed between reading it and writing the change (another editor, a worker): look again. */
    public static class ChangedMeanwhile extends Conflict {
        ChangedMeanwhile() {
            super("This send changed at the same moment (another editor, or the send itself): nothing was changed. Look at it again.");
        }
    }

    private static IssueSend find(long issueId) {
        return find(issueId, LockModeType.NONE);
    }

    private static IssueSend find(long issueId, LockModeType lock) {
        IssueSend send = IssueSend.findById(issueId, lock);
        if (send == null) {
            throw new Conflict("This issue has not been sent.");
        }
        return send;
    }
}
