package dev.roundup.editor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** A named, revocable token a script sends as {@code Authorization: Bearer}; the database holds only its hash. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntity {

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "editor_id", nullable = false)
    public Editor editor;

    @Column(nullable = false, length = 100)
    public String name;

    /** SHA-256 of the token (see {@link OpaqueToken}). */
    @Column(name = "token_hash", nullable = false, length = 64, unique = true)
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When a request last used it, to the minute (see {@link ApiTokens#use}). */
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    static Optional<ApiToken> findByHash(String hash) {
        return find("from ApiToken t join fetch t.editor where t.tokenHash = ?1", hash).firstResultOptional();
    }

    static List<ApiToken> listOf(Editor editor) {
        return list("from ApiToken t join fetch t.editor where t.editor = ?1 order by t.createdAt", editor);
    }

    static List<ApiToken> listEveryones() {
        return list("from ApiToken t join fetch t.editor order by t.editor.email, t.createdAt");
    }
}
