package dev.roundup.editor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.Secrets;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes sure someone can sign in on a fresh install: when no editor exists, creates one, an admin, from
 * {@code ROUNDUP_ADMIN_EMAIL} / {@code ROUNDUP_ADMIN_PASSWORD}, or with a generated password printed once.
 */
@ApplicationScoped
public class EditorBootstrap {

    private static final Logger LOG = Logger.getLogger(EditorBootstrap.class);

    @Inject
    EditorConfig config;

    @Inject
    Editors editors;

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::createFirstEditorIfNone);
    }

    void createFirstEditorIfNone() {
        if (Editor.count() > 0) {
            return;
        }
        String password = config.adminPassword().filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = Secrets.randomToken(18);
        }
        Editor editor = editors.add(config.adminEmail(), "Administrator", password, Roles.ADMIN);
        if (generated) {
            LOG.warnf("Created the first editor %s with the generated password: %s%n"
                    + "    Sign in at /login and change it under Editors. It is not shown again.", editor.email, password);
        } else {
            LOG.infof("Created the first editor %s from ROUNDUP_ADMIN_EMAIL / ROUNDUP_ADMIN_PASSWORD", editor.email);
        }
    }
}
