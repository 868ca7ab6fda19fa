package dev.roundup.subscribers;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** One thing that happened to a subscriber: signed up, was sent a confirmation, confirmed, left, bounced… */
@Entity
@Table(name = "subscriber_event")
public class SubscriberEvent extends PanacheEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subscriber_id")
    public Subscriber subscriber;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false, length = 30)
    public String kind;

    @Column(length = 500)
    public String detail;

    static void record(Subscriber subscriber, String kind, String detail, Instant at) {
        SubscriberEvent e = new SubscriberEvent();
        e.subscriber = subscriber;
        e.kind = kind;
        e.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
        e.at = at;
        e.persist();
    }

    public static List<SubscriberEvent> history(Subscriber subscriber) {
        return list("subscriber = ?1 order by at desc, id desc", subscriber);
    }

    static long countSince(Subscriber subscriber, String kind, Instant since) {
        return count("subscriber = ?1 and kind = ?2 and at >= ?3", subscriber, kind, since);
    }
}
