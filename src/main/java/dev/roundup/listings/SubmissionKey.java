package dev.roundup.listings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import dev.roundup.EmailAddress;
import dev.roundup.UniqueKey;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What makes two submissions one: the same kind, the same submitter (by {@link EmailAddress#key()}), the same link and
 * the same title. A listing carries this key in a unique column while a copy would be a duplicate; a submission
 * after {@code roundup.listings.duplicate-window} first releases the old listing's key, so it is a new listing. The
 * unique column, not a look before the insert, is what makes a burst of identical forms one row.
 */
final class SubmissionKey {

    private SubmissionKey() {
    }

    static String of(String kind, String email, String url, String title) {
        String who = EmailAddress.keyOf(email).orElse(email);
        String what = kind + "\n" + who + "\n" + url.strip() + "\n" + title.strip().toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Persists the listing {@code prepare} returns (in one transaction, after it released stale keys), or nothing when
     * it returns null or a concurrent copy won the unique key. Empty means: a copy, already stored.
     */
    static <T extends PanacheEntityBase> Optional<T> insertOnce(Supplier<T> prepare) {
        try {
            return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> {
                T listing = prepare.get();
                if (listing != null) {
                    listing.persistAndFlush();
                }
                return listing;
            }));
        } catch (RuntimeException e) {
            if (UniqueKey.violated(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
