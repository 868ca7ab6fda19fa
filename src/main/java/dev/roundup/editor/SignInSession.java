package dev.roundup.editor;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One signed-in browser: the hash of its cookie's secret, whose it is, until when. Deleting it signs that browser out. */
@Entity
@Table(name = "editor_session")
public class SignInSession extends PanacheEntityBase {

    /** SHA-256 of the cookie's secret (see {@link OpaqueToken}); the secret itself is only in the browser. */
    @Id
    @Column(length = 64)
    public String id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "editor_id", nullable = false)
    public Editor editor;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** The unexpired session with this id, with its editor. */
    static Optional<SignInSession> findLive(String id) {
        return find("from SignInSession s join fetch s.editor where s.id = ?1 and s.expiresAt > ?2", id, Instant.now())
                .firstResultOptional();
    }

    static long endAllOf(Editor editor) {
        return delete("editor = ?1", editor);
    }

    static long endAllOfExcept(Editor editor, String keptId) {
        return delete("editor = ?1 and id <> ?2", editor, keptId);
    }

    static long deleteExpired() {
        return delete("expiresAt <= ?1", Instant.now());
    }
}
