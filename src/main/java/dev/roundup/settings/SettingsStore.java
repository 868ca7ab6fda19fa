package dev.roundup.settings;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The settings as stored in {@code newsletter_setting}: one row per {@link Setting}, seeded by V23, a null value
 * meaning "not set here". Every instance sharing the database reads the same rows.
 */
@ApplicationScoped
class SettingsStore {

    @Inject
    EntityManager em;

    /** The values set here; a setting that is not set is absent. */
    @Transactional
    Map<Setting, String> read() {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select name, setting_value from newsletter_setting where setting_value is not null")
                .getResultList();
        for (Object[] row : rows) {
            for (Setting s : Setting.values()) {
                if (s.key.equals(row[0])) {
                    values.put(s, row[1].toString());
                }
            }
        }
        return values;
    }

    /** Saves checked values in one transaction (null: back to the default). The rows are seeded, so it only updates. */
    @Transactional
    void save(Map<Setting, String> values) {
        Instant now = Instant.now();
        values.forEach((setting, value) -> {
            int updated = em.createNativeQuery("update newsletter_setting set setting_value = ?1, updated_at = ?2 where name = ?3")
                    .setParameter(1, value).setParameter(2, now).setParameter(3, setting.key).executeUpdate();
            if (updated != 1) {
                throw new IllegalStateException("newsletter_setting has no row " + setting.key + ": the V23 migration seeds it");
            }
        });
    }
}
