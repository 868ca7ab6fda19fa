package dev.roundup.subscribers;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;

/**
 * The one place that makes and checks the tokens in subscribers' links. Unsubscribe: the subscriber's random public
 * id and an HMAC over it and their token version (raising the version voids old links). Confirm: the public id, an
 * expiry, and an HMAC over both. Checked in constant time by {@link Secrets}.
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

    public String unsubscribeUrl(Subscriber s) {
        return roundup.link("/unsubscribe/" + unsubscribeToken(s));
    }

    /** The subscriber an unsubscribe token names, if the token is authentic and current. */
    public Optional<Subscriber> fromUnsubscribeToken(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String publicId = token.substring(0, dot);
        return Subscriber.findByPublicId(publicId)
                .filter(s -> secrets.verify(UNSUBSCRIBE, s.publicId + ":" + s.tokenVersion, token.substring(dot + 1)));
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
