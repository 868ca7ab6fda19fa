package dev.roundup.subscribers;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * An address never to mail or import again (hard bounce, complaint, or a deleted subscriber), kept only as a keyed
 * hash so a deletion really erases the address.
 */
@Entity
@Table(name = "suppression")
public class Suppression extends PanacheEntity {

    @Column(name = "email_hash", nullable = false, unique = true, length = 64)
    public String emailHash;

    @Column(nullable = false, length = 30)
    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
