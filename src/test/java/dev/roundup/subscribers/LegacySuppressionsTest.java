package dev.roundup.subscribers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.roundup.EmailAddress;
import dev.roundup.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A suppression written before addresses had one key (an editor erased {@code legacy.erased@example.org} while
 * {@code Legacy.Erased@example.org} stood as a second, confirmed row) stops mail to every spelling after the upgrade.
 */
@QuarkusTest
class LegacySuppressionsTest {

    @Inject
    LegacySuppressions legacy;

    @Inject
    SuppressionList suppressions;

    @Test
    void aSpellingThatWasSuppressedBeforeTheUpgradeIsSuppressedOnce() {
        long kept = Api.asEditor().body(Map.of("email", "Legacy.Erased@Example.org", "confirmed", true)).post("/api/subscribers")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long other = Api.asEditor().body(Map.of("email", "legacy.kept@example.org", "confirmed", true)).post("/api/subscribers")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        // the state an older version left: the erased spelling's hash on the list, the other spelling still confirmed
        QuarkusTransaction.requiringNew().run(() -> {
            Suppression entry = new Suppression();
            entry.emailHash = suppressions.hashes(EmailAddress.parse("legacy.erased@example.org").orElseThrow()).get(0);
            entry.reason = "deleted";
            entry.createdAt = Instant.now();
            entry.persist();
            Suppression.getEntityManager().createNativeQuery("delete from app_setting where name = ?1")
                    .setParameter(1, LegacySuppressions.DONE).executeUpdate();
        });

        assertEquals(1, legacy.apply());
        assertEquals(SubscriberStatus.SUPPRESSED, status(kept));
        assertEquals(SubscriberStatus.CONFIRMED, status(other));
        assertEquals(0, legacy.apply(), "it runs once");
    }

    private static SubscriberStatus status(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>findById(id).status);
    }
}
