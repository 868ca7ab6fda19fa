package dev.roundup.subscribers;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.Secrets;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Joining and leaving: sign-up with double opt-in, confirmation, unsubscribe (link and one-click), resubscribe.
 * Answers never reveal whether an address is already on the list.
 */
@ApplicationScoped
public class Subscriptions {

    @Inject
    SubscribersConfig config;

    @Inject
    SubscriberLinks links;

    @Inject
    Secrets secrets;

    /** What a confirmation link came to. */
    public enum Confirmation {
        CONFIRMED, EXPIRED, INVALID
    }

    /**
     * Signs an address up from the public form: a new or returning address gets a confirmation mail (within the daily
     * limit), a confirmed or suppressed one gets nothing. The caller shows the same answer whatever happened.
     */
    public void signUp(String email, String name, String ip, String source) {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (isSuppressed(email)) {
                return;
            }
            Subscriber s = Subscriber.findByEmail(email).orElse(null);
            if (s == null) {
                s = Subscriber.create(email, cleanName(name), source, now);
                s.persist();
                SubscriberEvent.record(s, "signed-up", "via " + source, now);
            } else if (s.status == SubscriberStatus.CONFIRMED || !s.status.mailable()) {
                return;
            } else if (name != null && !name.isBlank()) {
                s.name = cleanName(name);
            }
            s.consentAt = now;
            s.consentIp = config.recordIp() ? ip : null;
            s.consentSource = source;
            if (SubscriberEvent.countSince(s, "confirmation-requested", now.minus(Duration.ofDays(1))) >= config.confirmationMailsPerDay()) {
                return;
            }
            // queued, never sent during the request: how long the answer takes must not tell who is on the list
            s.confirmationRequestedAt = now;
            s.confirmationSentAt = null;
            SubscriberEvent.record(s, "confirmation-requested", null, now);
        });
    }

    /** Confirms the subscriber a link names; opening the link twice is harmless. */
    public Confirmation confirm(String token) {
        Optional<SubscriberLinks.ConfirmToken> read = links.readConfirmToken(token);
        if (read.isEmpty()) {
            return Confirmation.INVALID;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Subscriber.findByPublicId(read.get().publicId()).orElse(null);
            if (s == null || !s.status.mailable()) {
                return Confirmation.INVALID;
            }
            if (s.status == SubscriberStatus.CONFIRMED) {
                return Confirmation.CONFIRMED;
            }
            if (read.get().expired()) {
                return Confirmation.EXPIRED;
            }
            Instant issued = read.get().expires().minus(config.confirmLinkValidity());
            if (s.unsubscribedAt != null && issued.isBefore(s.unsubscribedAt)) {
                // a link from before they left (a scanner, an old mail) is no new consent
                return Confirmation.INVALID;
            }
            Instant now = Instant.now();
            s.changeTo(SubscriberStatus.CONFIRMED, now, false);
            SubscriberEvent.record(s, "confirmed", null, now);
            return Confirmation.CONFIRMED;
        });
    }

    /** Sends a fresh confirmation mail for an expired (but authentic) link, within the daily limit. */
    public void resendConfirmation(String token) {
        Optional<SubscriberLinks.ConfirmToken> read = links.readConfirmToken(token);
        if (read.isPresent()) {
            Optional<Subscriber> s = QuarkusTransaction.requiringNew().call(() -> Subscriber.findByPublicId(read.get().publicId()));
            if (s.isPresent()) {
                signUp(s.get().email, null, null, s.get().consentSource);
            }
        }
    }

    /** The subscriber behind an unsubscribe link, for its page. */
    public Optional<Subscriber> byUnsubscribeToken(String token) {
        return QuarkusTransaction.requiringNew().call(() -> links.fromUnsubscribeToken(token));
    }

    /** Unsubscribes at once and for good (idempotent). False when the token is not valid. */
    public boolean unsubscribe(String token, String how) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Subscriber> found = links.fromUnsubscribeToken(token);
            if (found.isEmpty()) {
                return false;
            }
            Subscriber s = found.get();
            if (s.status == SubscriberStatus.PENDING || s.status == SubscriberStatus.CONFIRMED) {
                Instant now = Instant.now();
                s.changeTo(SubscriberStatus.UNSUBSCRIBED, now, false);
                SubscriberEvent.record(s, "unsubscribed", how, now);
            }
            return true;
        });
    }

    /** Back on the list from the unsubscribe page: confirmed again, old links voided. */
    public Optional<Subscriber> resubscribe(String token) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Subscriber> found = links.fromUnsubscribeToken(token);
            found.filter(s -> s.status == SubscriberStatus.UNSUBSCRIBED).ifPresent(s -> {
                Instant now = Instant.now();
                s.changeTo(SubscriberStatus.CONFIRMED, now, false);
                s.tokenVersion++;
                SubscriberEvent.record(s, "resubscribed", "from the unsubscribe page", now);
            });
            return found;
        });
    }

    /**
     * The server refused an address for good (a 5xx to RCPT or DATA): the subscriber becomes bounced and the
     * address goes on the suppression list, so no later issue or import mails it again.
     */
    public void hardBounce(long subscriberId, String detail) {
        QuarkusTransaction.requiringNew().run(() -> Subscriber.<Subscriber>findByIdOptional(subscriberId).ifPresent(s -> {
            Instant now = Instant.now();
            if (s.status.canBecome(SubscriberStatus.BOUNCED)) {
                s.changeTo(SubscriberStatus.BOUNCED, now, false);
            }
            SubscriberEvent.record(s, "bounced", detail, now);
            suppress(s.email, "hard-bounce");
        }));
    }

    /**
     * A temporary failure reported after the relay accepted a mail (a full mailbox, a greylist that gave up): counted,
     * and after {@code roundup.subscribers.soft-bounce-limit} of them the address is treated as a hard bounce.
     * Returns whether this one crossed the limit.
     */
    public boolean softBounce(long subscriberId, String detail) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>findByIdOptional(subscriberId).map(s -> {
            Instant now = Instant.now();
            s.softBounces++;
            s.updatedAt = now;
            SubscriberEvent.record(s, "soft-bounce", detail, now);
            if (s.softBounces < config.softBounceLimit() || !s.status.canBecome(SubscriberStatus.BOUNCED)) {
                return false;
            }
            s.changeTo(SubscriberStatus.BOUNCED, now, false);
            SubscriberEvent.record(s, "bounced", s.softBounces + " soft bounces in a row", now);
            suppress(s.email, "soft-bounces");
            return true;
        }).orElse(false));
    }

    /** Puts an address on the suppression list, as a keyed hash (in the caller's transaction). */
    void suppress(String email, String reason) {
        String hash = suppressionHash(email);
        if (Suppression.count("emailHash", hash) == 0) {
            Suppression entry = new Suppression();
            entry.emailHash = hash;
            entry.reason = reason;
            entry.createdAt = Instant.now();
            entry.persist();
        }
    }

    /** Whether an address is on the suppression list (bounced, complained, or deleted). */
    public boolean isSuppressed(String email) {
        return Suppression.count("emailHash", suppressionHash(email)) > 0;
    }

    /** The keyed hash a suppressed address is kept as: the address cannot be read back from it. */
    public String suppressionHash(String email) {
        String h = secrets.sign("suppression", email.strip().toLowerCase(Locale.ROOT));
        return h.length() > 64 ? h.substring(0, 64) : h;
    }

    static String cleanName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip();
        return n.length() > 200 ? n.substring(0, 200) : n;
    }
}
