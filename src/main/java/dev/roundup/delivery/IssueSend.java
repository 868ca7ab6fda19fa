package dev.roundup.delivery;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The send of one issue: running, paused (by an editor or by itself, with the reason), cancelled or done. Its state
 * changes only through {@link #apply}, which asks {@link SendState} whether the change is allowed, and is written
 * only if nobody changed it since it was read ({@link #version}).
 */
@Entity
@Table(name = "issue_send")
public class IssueSend extends PanacheEntityBase {

    @Id
    @Column(name = "issue_id")
    public Long issueId;

    @Column(nullable = false, length = 20)
    @Convert(converter = SendState.Column.class)
    public SendState state;

    @Column(name = "state_reason", length = 500)
    public String stateReason;

    @Column(nullable = false)
    public int total;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Checked by every write: of two changes that read the same state, the second to commit is refused. */
    @Version
    @Column(nullable = false)
    public long version;

    /**
     * Makes the change if the state allows it (or refuses, with a 409), with the reason shown beside the state; a
     * change that leaves the state as it was (retrying failed deliveries of a paused send) keeps its reason.
     */
    public void apply(SendState.Change change, String reason) {
        SendState next = state.after(change);
        if (next != state || reason != null) {
            stateReason = reason;
        }
        state = next;
        finishedAt = state == SendState.DONE || state == SendState.CANCELLED ? Instant.now() : null;
    }
}
