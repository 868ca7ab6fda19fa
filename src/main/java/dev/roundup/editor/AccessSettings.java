package dev.roundup.editor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Settings an admin changes while Roundup runs, kept in the database ({@code app_setting}) so every instance sharing
 * it agrees. Today one: whether {@code /api} accepts an editor's password over HTTP Basic, or only API tokens.
 */
@ApplicationScoped
public class AccessSettings {

    static final String PASSWORDS_FOR_API = "api.password-basic-auth";

    @Inject
    EntityManager em;

    /** Whether HTTP Basic with an editor's email and password is accepted (on by default, for existing scripts). */
    @Transactional
    public boolean passwordsForApi() {
        return !"false".equals(read(PASSWORDS_FOR_API));
    }

    /** Saves the setting. Its row is seeded by the V10 migration, so a save only updates: two first saves cannot race to insert. */
    @Transactional
    public void setPasswordsForApi(boolean allowed) {
        int updated = em.createNativeQuery("update app_setting set setting_value = ?1 where name = ?2")
                .setParameter(1, String.valueOf(allowed)).setParameter(2, PASSWORDS_FOR_API).executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("app_setting has no row " + PASSWORDS_FOR_API + ": the V10 migration seeds it");
        }
    }

    private String read(String name) {
        var rows = em.createNativeQuery("select setting_value from app_setting where name = ?1").setParameter(1, name)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0).toString();
    }
}
