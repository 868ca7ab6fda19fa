package dev.roundup.delivery;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The send of one issue: running, paused (by an editor or by itself, with the reason), cancelled or done. Its state
 * changes only through {@link #apply}, which asks {@link SendState} whether the change is allowed.
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

    /** Makes the change if the state allows it (or refuses, with a 409), with the reason shown beside the state. */
    public void apply(SendState.Change change, String reason) {
        state = state.after(change);
        stateReason = reason;
        finishedAt = state == SendState.DONE || state == SendState.CANCELLED ? Instant.now() : null;
    }
}
