package dev.roundup.subscribers;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;

import dev.roundup.EmailAddress;
import dev.roundup.TextRules;
import dev.roundup.UniqueKey;
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
    SuppressionList suppressions;

    @Inject
    SubscriberMetrics metrics;

    /** What a confirmation link came to. */
    public enum Confirmation {
        /** Authentic and current: confirming would succeed. */
        READY,
        CONFIRMED, EXPIRED, INVALID
    }

    /**
     * Signs an address up from the public form: a new or returning address gets a confirmation mail (within the daily
     * limit, counted per address whatever its spelling), a confirmed or suppressed one gets nothing. The caller shows
     * the same answer whatever happened. Sign-ups of one address that race each other (a double click, a script) make
     * one subscriber: the database's unique key on the address decides, and the loser goes on as a repeated sign-up.
     */
    public void signUp(EmailAddress address, String name, String ip, String source) {
        requestConfirmation(address, TextRules.checkName("name", name), ip, source);
        metrics.signedUp(source);
    }

    private void requestConfirmation(EmailAddress address, String name, String ip, String source) {
        raced(() -> {
            signUpOnce(address, name, ip, source);
            return null;
        });
    }

    /**
     * Runs a reader's change again when it lost a race to a request about the same reader (a double click, a mail
     * provider's one-click post beside the reader's own): the second run sees what the first did and answers the same.
     */
    private static <T> T raced(Supplier<T> change) {
        for (int attempt = 1;; attempt++) {
            try {
                return change.get();
            } catch (RuntimeException e) {
                if (attempt == 3 || !(UniqueKey.violated(e) || changedMeanwhile(e))) {
                    throw e;
                }
            }
        }
    }

    /** The subscriber re-read under a row lock, so simultaneous changes of one reader take turns (in the caller's transaction). */
    private static Subscriber locked(Subscriber s) {
        Subscriber.getEntityManager().refresh(s, LockModeType.PESSIMISTIC_WRITE);
        return s;
    }

    /** Whether a transaction lost to another that changed the same subscriber first (their version moved on). */
    private static boolean changedMeanwhile(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private void signUpOnce(EmailAddress address, String name, String ip, String source) {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (suppressions.contains(address)) {
                return;
            }
            // locked: repeated sign-ups of one address queue here instead of overwriting each other's consent
            Subscriber s = Subscriber.<Subscriber>find("emailKey", address.key()).withLock(LockModeType.PESSIMISTIC_WRITE)
                    .firstResultOptional().orElse(null);
            if (s == null) {
                s = Subscriber.create(address, name, source, now);
                s.persist();
                SubscriberEvent.record(s, "signed-up", "via " + source, now);
            } else if (s.status == SubscriberStatus.CONFIRMED || !s.status.mailable()) {
                return;
            } else if (name != null) {
                s.name = name;
            }
            s.consentAt = now;
            s.consentIp = config.recordIp() ? ip : null;
            s.consentSource = source;
            if (s.confirmationRequestedAt != null && s.confirmationSentAt == null) {
                return; // a confirmation mail is queued and not sent yet: a second click asks for nothing more
            }
            if (SubscriberEvent.countSince(s, "confirmation-requested", now.minus(Duration.ofDays(1))) >= config.confirmationMailsPerDay()) {
                return;
            }
            // queued, never sent during the request: how long the answer takes must not tell who is on the list
            s.confirmationRequestedAt = now;
            s.confirmationSentAt = null;
            SubscriberEvent.record(s, "confirmation-requested", null, now);
        });
    }

    /**
     * What confirming with this link would do, changing nothing: the page a GET (or a mail scanner) sees.
     * {@link Confirmation#READY} means the link is good and waits for the reader's button.
     */
    public Confirmation checkConfirmation(String token) {
        Optional<SubscriberLinks.ConfirmToken> read = links.readConfirmToken(token);
        if (read.isEmpty()) {
            return Confirmation.INVALID;
        }
        return QuarkusTransaction.requiringNew().call(() -> links.byPublicId(read.get().publicId())
                .map(s -> judge(read.get(), s)).orElse(Confirmation.INVALID));
    }

    /** Confirms the subscriber a link names (the reader pressed the button); pressing twice, even at once, is harmless. */
    public Confirmation confirm(String token) {
        Optional<SubscriberLinks.ConfirmToken> read = links.readConfirmToken(token);
        if (read.isEmpty()) {
            return Confirmation.INVALID;
        }
        AtomicBoolean changed = new AtomicBoolean();
        Confirmation result = raced(() -> QuarkusTransaction.requiringNew().call(() -> {
            changed.set(false);
            Subscriber s = links.byPublicId(read.get().publicId()).map(Subscriptions::locked).orElse(null);
            Confirmation outcome = s == null ? Confirmation.INVALID : judge(read.get(), s);
            if (outcome != Confirmation.READY) {
                return outcome;
            }
            Instant now = Instant.now();
            s.changeTo(SubscriberStatus.CONFIRMED, now, false);
            SubscriberEvent.record(s, "confirmed", null, now);
            changed.set(true);
            return Confirmation.CONFIRMED;
        }));
        if (changed.get()) {
            metrics.confirmed(); // once committed; a second press finds the reader confirmed and counts nothing
        }
        return result;
    }

    /** The one rule for a confirm link: whom it names, whether it expired, whether it predates their leaving. */
    private Confirmation judge(SubscriberLinks.ConfirmToken read, Subscriber s) {
        if (!s.status.mailable()) {
            return Confirmation.INVALID;
        }
        if (s.status == SubscriberStatus.CONFIRMED) {
            return Confirmation.CONFIRMED;
        }
        if (read.expired()) {
            return Confirmation.EXPIRED;
        }
        Instant issued = read.expires().minus(config.confirmLinkValidity());
        if (s.unsubscribedAt != null && issued.isBefore(s.unsubscribedAt)) {
            // a link from before they left (a scanner, an old mail) is no new consent
            return Confirmation.INVALID;
        }
        return Confirmation.READY;
    }

    /** Sends a fresh confirmation mail for an expired (but authentic) link, within the daily limit. */
    public void resendConfirmation(String token) {
        Optional<SubscriberLinks.ConfirmToken> read = links.readConfirmToken(token);
        if (read.isPresent()) {
            Optional<Subscriber> s = QuarkusTransaction.requiringNew().call(() -> links.byPublicId(read.get().publicId()));
            if (s.isPresent()) {
                EmailAddress.parse(s.get().email).ifPresent(address -> requestConfirmation(address, null, null, s.get().consentSource));
            }
        }
    }

    /** The subscriber behind an unsubscribe link, for its page. */
    public Optional<Subscriber> byUnsubscribeToken(String token) {
        return QuarkusTransaction.requiringNew().call(() -> links.fromUnsubscribeToken(token));
    }

    /** Unsubscribes at once and for good (idempotent). False when the token is not valid. */
    public boolean unsubscribe(String token, String how) {
        return raced(() -> QuarkusTransaction.requiringNew().call(() -> {
            Optional<Subscriber> found = links.fromUnsubscribeToken(token);
            if (found.isEmpty()) {
                return false;
            }
            Subscriber s = locked(found.get());
            if (s.status == SubscriberStatus.PENDING || s.status == SubscriberStatus.CONFIRMED) {
                Instant now = Instant.now();
                s.changeTo(SubscriberStatus.UNSUBSCRIBED, now, false);
                SubscriberEvent.record(s, "unsubscribed", how, now);
            }
            return true;
        }));
    }

    /** Whether this unsubscribe link may also resubscribe: only the newest one does. */
    public boolean canResubscribe(String token) {
        return QuarkusTransaction.requiringNew().call(() -> links.fromCurrentUnsubscribeToken(token).isPresent());
    }

    /**
     * Back on the list from the unsubscribe page, with the newest link only: confirmed again, and links sent before
     * can no longer resubscribe (they still unsubscribe: leaving is honoured for ever).
     */
    public Optional<Subscriber> resubscribe(String token) {
        return raced(() -> QuarkusTransaction.requiringNew().call(() -> {
            // any of their links: a double click finds the reader already back (and the first click raised the version)
            Optional<Subscriber> any = links.fromUnsubscribeToken(token).map(Subscriptions::locked);
            if (any.isPresent() && any.get().status == SubscriberStatus.CONFIRMED) {
                return any;
            }
            Optional<Subscriber> found = links.fromCurrentUnsubscribeToken(token);
            found.filter(s -> s.status == SubscriberStatus.UNSUBSCRIBED).ifPresent(s -> {
                Instant now = Instant.now();
                s.changeTo(SubscriberStatus.CONFIRMED, now, false);
                s.tokenVersion++;
                SubscriberEvent.record(s, "resubscribed", "from the unsubscribe page", now);
            });
            return found;
        }));
    }

    /**
     * The server refused an address for good (a 5xx to RCPT or DATA): the subscriber becomes bounced and the
     * address goes on the suppression list, so no later issue or import mails it again.
     */
    public void hardBounce(long subscriberId, String detail) {
        // locked and raced like leaving: the bounce row is already stored, so losing to a one-click unsubscribe here
        // would leave the address unsuppressed for good (the next mailbox read sees the report as already handled)
        raced(() -> QuarkusTransaction.requiringNew().call(() -> byIdLocked(subscriberId).map(s -> {
            Instant now = Instant.now();
            if (s.status.canBecome(SubscriberStatus.BOUNCED)) {
                s.changeTo(SubscriberStatus.BOUNCED, now, false);
            }
            SubscriberEvent.record(s, "bounced", detail, now);
            suppressions.add(s, "hard-bounce");
            return s;
        })));
    }

    private static Optional<Subscriber> byIdLocked(long subscriberId) {
        return Subscriber.<Subscriber>findByIdOptional(subscriberId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * A temporary failure reported after the relay accepted a mail (a full mailbox, a greylist that gave up): counted,
     * and after {@code roundup.subscribers.soft-bounce-limit} of them the address is treated as a hard bounce.
     * Returns whether this one crossed the limit.
     */
    public boolean softBounce(long subscriberId, String detail) {
        return raced(() -> QuarkusTransaction.requiringNew().call(() -> byIdLocked(subscriberId).map(s -> {
            Instant now = Instant.now();
            s.softBounces++;
            s.updatedAt = now;
            SubscriberEvent.record(s, "soft-bounce", detail, now);
            if (s.softBounces < config.softBounceLimit() || !s.status.canBecome(SubscriberStatus.BOUNCED)) {
                return false;
            }
            s.changeTo(SubscriberStatus.BOUNCED, now, false);
            SubscriberEvent.record(s, "bounced", s.softBounces + " soft bounces in a row", now);
            suppressions.add(s, "soft-bounces");
            return true;
        }).orElse(false)));
    }

    /** Whether an address, in any spelling, is on the suppression list; see {@link SuppressionList}. */
    public boolean isSuppressed(String email) {
        return suppressions.contains(email);
    }

}
