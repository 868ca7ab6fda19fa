package dev.roundup.subscribers;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.roundup.EmailAddress;
import dev.roundup.Secrets;
import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * A reader of the newsletter: their address, their standing, and the consent they gave. Public links name them
 * by {@link #publicId}, a random value, never by row id or address.
 */
@Entity
@Table(name = "subscriber")
public class Subscriber extends PanacheEntity {

    @Column(name = "public_id", nullable = false, unique = true, length = 32)
    public String publicId;

    /** The address as the reader typed it: what we show and mail to. */
    @Column(nullable = false, length = 320)
    public String email;

    /** Who the reader is: {@link EmailAddress#key()}, unique, so two spellings of one address are one subscriber. */
    @Column(name = "email_key", nullable = false, unique = true, length = 320)
    public String emailKey;

    @Column(length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public SubscriberStatus status;

    /** Part of the tokens in links: raising it voids resubscribe links sent before (never unsubscribe links). */
    @Column(name = "token_version", nullable = false)
    public int tokenVersion;

    @Column(name = "consent_at")
    public Instant consentAt;

    @Column(name = "consent_ip", length = 64)
    public String consentIp;

    /** form, import, editor or api. */
    @Column(name = "consent_source", nullable = false, length = 20)
    public String consentSource;

    /** Set when a confirmation mail should be sent by the background sender (imports). */
    @Column(name = "confirmation_requested_at")
    public Instant confirmationRequestedAt;

    @Column(name = "confirmation_sent_at")
    public Instant confirmationSentAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "unsubscribed_at")
    public Instant unsubscribedAt;

    @Column(name = "soft_bounces", nullable = false)
    public int softBounces;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    static Subscriber create(EmailAddress address, String name, String source, Instant now) {
        Subscriber s = new Subscriber();
        s.publicId = Secrets.randomToken(18);
        s.email = address.display();
        s.emailKey = address.key();
        s.name = name;
        s.status = SubscriberStatus.PENDING;
        s.consentSource = source;
        s.createdAt = now;
        s.updatedAt = now;
        return s;
    }

    /** The subscriber an address names, in whatever spelling. */
    public static Optional<Subscriber> findByEmail(String email) {
        return EmailAddress.keyOf(email).flatMap(key -> find("emailKey", key).firstResultOptional());
    }

    public static Optional<Subscriber> findByPublicId(String publicId) {
        return find("publicId", publicId).firstResultOptional();
    }

    /** Moves to a new status if {@link SubscriberStatus#canBecome} allows it (or {@code override} says an editor insists). */
    boolean changeTo(SubscriberStatus next, Instant now, boolean override) {
        if (status == next) {
            return false;
        }
        if (!override && !status.canBecome(next)) {
            throw new IllegalStateException("A " + status.label() + " subscriber cannot become " + next.label());
        }
        status = next;
        updatedAt = now;
        if (next == SubscriberStatus.CONFIRMED) {
            confirmedAt = now;
            unsubscribedAt = null;
            confirmationRequestedAt = null;
            softBounces = 0;
        } else if (next == SubscriberStatus.UNSUBSCRIBED) {
            unsubscribedAt = now;
        }
        return true;
    }

    public String displayName() {
        return name == null || name.isBlank() ? email : name;
    }
}
