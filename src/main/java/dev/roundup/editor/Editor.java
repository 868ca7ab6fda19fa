package dev.roundup.editor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;

/** A person who curates and sends the newsletter. Signs in with email and a bcrypt-hashed password. */
@Entity
@Table(name = "editor")
@UserDefinition
public class Editor extends PanacheEntity {

    @Username
    @Column(nullable = false, unique = true, length = 320)
    public String email;

    @Column(length = 200)
    public String name;

    /** Modular-crypt bcrypt hash ({@code $2a$10$...}); never the password itself. */
    @Password
    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    /** {@link dev.roundup.web.Roles#ADMIN} or {@link dev.roundup.web.Roles#EDITOR}; an admin has both roles. */
    @Roles
    @Column(nullable = false, length = 40)
    public String role = dev.roundup.web.Roles.EDITOR;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    /** When an admin disabled the account; a disabled editor cannot sign in by any way. */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    public static Optional<Editor> findByEmail(String email) {
        return find("email", email).firstResultOptional();
    }

    public static List<Editor> listByEmail() {
        return list("order by email");
    }

    /**
     * The active admins, their rows locked until the transaction ends: two admins disabling each other at once must
     * not leave none.
     */
    public static long countActiveAdminsLocked() {
        return find("role = ?1 and disabledAt is null", dev.roundup.web.Roles.ADMIN)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list().size();
    }

    public boolean isAdmin() {
        return dev.roundup.web.Roles.ADMIN.equals(role);
    }

    public boolean isActive() {
        return disabledAt == null;
    }

    /** The roles this editor acts with: an admin is an editor too. */
    public java.util.Set<String> roles() {
        return isAdmin() ? java.util.Set.of(dev.roundup.web.Roles.EDITOR, dev.roundup.web.Roles.ADMIN)
                : java.util.Set.of(dev.roundup.web.Roles.EDITOR);
    }

    /** The name to show: the editor's name, or the email when none was given. */
    public String displayName() {
        return name == null || name.isBlank() ? email : name;
    }
}
