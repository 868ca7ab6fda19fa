package dev.roundup.subscribers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;

/**
 * The one place that makes and checks the tokens in subscribers' links. Unsubscribe: the subscriber's random public
 * id and an HMAC over it and their token version. Every unsubscribe token ever issued to a reader keeps
 * unsubscribing them (leaving is honoured for ever); only the newest one also resubscribes, so raising the version
 * voids the resubscribe button of old mails. Confirm: the public id, an expiry, and an HMAC over both; a confirm
 * link from before the reader left is refused by {@link Subscriptions}. Checked in constant time by {@link Secrets}.
 */
@ApplicationScoped
public class SubscriberLinks {

    private static final String UNSUBSCRIBE = "unsubscribe";
    private static final String CONFIRM = "confirm";

    @Inject
    Secrets secrets;

    @Inject
    RoundupConfig roundup;

    public String unsubscribeToken(Subscriber s) {
        return unsubscribeToken(s.publicId, s.tokenVersion);
    }

    public String unsubscribeToken(String publicId, int tokenVersion) {
        return publicId + "." + secrets.sign(UNSUBSCRIBE, publicId + ":" + tokenVersion);
    }

    /** The token in a test send's unsubscribe link: it names nobody, and its page says the mail was a test. */
    public static final String TEST_TOKEN = "test";

    /** The unsubscribe link of a test send and of the preview: it leads to a page saying so, and unsubscribes nobody. */
    public String testUnsubscribeUrl() {
        return roundup.link("/unsubscribe/" + TEST_TOKEN);
    }

    public String unsubscribeUrl(Subscriber s) {
        return roundup.link("/unsubscribe/" + unsubscribeToken(s));
    }

    /**
     * The subscriber an unsubscribe token names, if the token is authentic: of their current or any earlier version,
     * or of a spelling of their address that was merged into them ({@code subscriber_alias}).
     */
    public Optional<Subscriber> fromUnsubscribeToken(String token) {
        return named(token).filter(n -> {
            String signature = token.substring(token.indexOf('.') + 1);
            boolean valid = false;
            for (int v = n.tokenVersion(); v >= 0; v--) {
                valid |= secrets.verify(UNSUBSCRIBE, n.publicId() + ":" + v, signature);
            }
            return valid;
        }).map(Named::subscriber);
    }

    /** The subscriber an unsubscribe token names, if it is their newest one (the only one that resubscribes). */
    public Optional<Subscriber> fromCurrentUnsubscribeToken(String token) {
        return named(token).filter(n -> !n.alias())
                .filter(n -> secrets.verify(UNSUBSCRIBE, n.publicId() + ":" + n.tokenVersion(), token.substring(token.indexOf('.') + 1)))
                .map(Named::subscriber);
    }

    /** Whom the public id in a token names, and up to which version its tokens were issued. */
    private record Named(Subscriber subscriber, String publicId, int tokenVersion, boolean alias) {
    }

    private static Optional<Named> named(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        return dot <= 0 ? Optional.empty() : namedBy(token.substring(0, dot));
    }

    /**
     * The subscriber a public id in a link names: theirs, or that of a spelling of their address merged into them
     * ({@code subscriber_alias}), so links mailed to a merged-away spelling keep working.
     */
    Optional<Subscriber> byPublicId(String publicId) {
        return namedBy(publicId).map(Named::subscriber);
    }

    private static Optional<Named> namedBy(String publicId) {
        Optional<Subscriber> direct = Subscriber.findByPublicId(publicId);
        if (direct.isPresent()) {
            return Optional.of(new Named(direct.get(), publicId, direct.get().tokenVersion, false));
        }
        List<?> alias = Subscriber.getEntityManager()
                .createNativeQuery("select subscriber_id, token_version from subscriber_alias where public_id = ?1")
                .setParameter(1, publicId).getResultList();
        if (alias.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) alias.get(0);
        return Subscriber.<Subscriber>findByIdOptional(((Number) row[0]).longValue())
                .map(s -> new Named(s, publicId, ((Number) row[1]).intValue(), true));
    }

    public String confirmUrl(Subscriber s, Duration validity) {
        String payload = s.publicId + "." + Instant.now().plus(validity).getEpochSecond();
        return roundup.link("/confirm/" + payload + "." + secrets.sign(CONFIRM, payload));
    }

    /** What a confirm token says, once its signature is checked: whom it names and whether it is still valid. */
    public record ConfirmToken(String publicId, boolean expired, Instant expires) {
    }

    public Optional<ConfirmToken> readConfirmToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !secrets.verify(CONFIRM, parts[0] + "." + parts[1], parts[2])) {
            return Optional.empty();
        }
        try {
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            return Optional.of(new ConfirmToken(parts[0], expires.isBefore(Instant.now()), expires));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
