package dev.roundup.delivery;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The send of one issue: running, paused (by an editor or by itself, with the reason), cancelled or done. */
@Entity
@Table(name = "issue_send")
public class IssueSend extends PanacheEntityBase {

    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String CANCELLED = "cancelled";
    public static final String DONE = "done";

    @Id
    @Column(name = "issue_id")
    public Long issueId;

    @Column(nullable = false, length = 20)
    public String state;

    @Column(name = "state_reason", length = 500)
    public String stateReason;

    @Column(nullable = false)
    public int total;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
