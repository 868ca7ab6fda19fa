package dev.roundup.bounces;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** A bounce report about one subscriber, read from the bounce mailbox, and the issue it was about when known. */
@Entity
@Table(name = "bounce")
public class Bounce extends PanacheEntity {

    @Column(name = "subscriber_id", nullable = false)
    public long subscriberId;

    @Column(name = "issue_id")
    public Long issueId;

    /** HARD or SOFT. */
    @Column(nullable = false, length = 10)
    public String kind;

    /** The enhanced status code, e.g. 5.1.1. */
    @Column(length = 20)
    public String status;

    @Column(length = 500)
    public String detail;

    /** The report's Message-ID: the same report read twice counts once. */
    @Column(name = "report_id", nullable = false, length = 200)
    public String reportId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
