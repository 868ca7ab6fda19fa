package dev.roundup.enrichment;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A small picture Roundup made of a page's image and serves itself, keyed by the SHA-256 of its bytes. */
@Entity
@Table(name = "thumbnail")
public class Thumbnail extends PanacheEntityBase {

    @Id
    @Column(length = 64)
    public String id;

    @Column(name = "content_type", nullable = false, length = 20)
    public String contentType;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(nullable = false)
    public byte[] bytes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
