package dev.roundup.subscribers;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import dev.roundup.EmailAddress;
import dev.roundup.UniqueKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Applies suppressions written before addresses had one key to the subscribers they name now. Before that, erasing
 * {@code anna@example.org} suppressed that spelling only, and a second row {@code Anna@example.org} stayed
 * confirmed; V9 could not see it (a suppression is a keyed hash), so it would have kept receiving every issue. Once,
 * at the first start after the upgrade, every subscriber still mailable whose address the suppression list holds in
 * any spelling becomes suppressed, with an event saying why. A row in {@code app_setting} records that it ran.
 */
@ApplicationScoped
public class LegacySuppressions {

    private static final Logger LOG = Logger.getLogger(LegacySuppressions.class);
    static final String DONE = "subscribers.legacy-suppressions-applied";

    @Inject
    SuppressionList suppressions;

    @Inject
    EntityManager em;

    void onStart(@Observes StartupEvent start) {
        int marked = apply();
        if (marked > 0) {
            LOG.warnf("Suppressed %d subscriber(s) whose address had been suppressed in another spelling before this version", marked);
        }
    }

    /** Runs the reconciliation unless it ran before; how many subscribers it suppressed. */
    int apply() {
        try {
            return QuarkusTransaction.requiringNew().call(this::applyOnce);
        } catch (RuntimeException e) {
            if (UniqueKey.violated(e)) {
                return 0; // another instance sharing the database did it at the same moment
            }
            throw e;
        }
    }

    private int applyOnce() {
        Number done = (Number) em.createNativeQuery("select count(*) from app_setting where name = ?1").setParameter(1, DONE)
                .getSingleResult();
        if (done.longValue() > 0) {
            return 0;
        }
        int marked = 0;
        Set<String> suppressed = new HashSet<>(em.createQuery("select s.emailHash from Suppression s", String.class).getResultList());
        if (!suppressed.isEmpty()) {
            List<Object[]> mailable = em.createQuery("select s.id, s.email from Subscriber s where s.status not in ?1", Object[].class)
                    .setParameter(1, List.of(SubscriberStatus.BOUNCED, SubscriberStatus.SUPPRESSED)).getResultList();
            Instant now = Instant.now();
            for (Object[] row : mailable) {
                boolean listed = EmailAddress.parse((String) row[1])
                        .map(address -> suppressions.hashes(address).stream().anyMatch(suppressed::contains)).orElse(false);
                if (listed) {
                    Subscriber s = em.find(Subscriber.class, row[0], LockModeType.PESSIMISTIC_WRITE);
                    s.changeTo(SubscriberStatus.SUPPRESSED, now, false);
                    SubscriberEvent.record(s, "suppressed", "this address was suppressed in another spelling before Roundup "
                            + "treated all spellings of an address as one", now);
                    marked++;
                }
            }
        }
        em.createNativeQuery("insert into app_setting (name, setting_value) values (?1, ?2)").setParameter(1, DONE)
                .setParameter(2, String.valueOf(marked)).executeUpdate();
        return marked;
    }
}
