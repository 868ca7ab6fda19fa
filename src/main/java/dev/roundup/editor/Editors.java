package dev.roundup.editor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.elytron.security.common.BcryptUtil;

/** Adds editors, checks and changes their passwords. The rules for an acceptable account live here. */
@ApplicationScoped
public class Editors {

    @Inject
    EditorConfig config;

    /** A change that breaks a rule; {@link #errors()} maps each form field to what is wrong with it. */
    public static class Rejected extends RuntimeException implements dev.roundup.web.UserMistake {
        private final Map<String, String> errors;

        public Rejected(Map<String, String> errors) {
            super(String.join("; ", errors.values()));
            this.errors = errors;
        }

        public Map<String, String> errors() {
            return errors;
        }
    }

    @Transactional
    public Editor add(String email, String name, String password) {
        Map<String, String> errors = new LinkedHashMap<>();
        String normalized = normalizeEmail(email);
        if (normalized == null) {
            errors.put("email", "Enter an email address like name@example.org.");
        } else if (Editor.findByEmail(normalized).isPresent()) {
            errors.put("email", "An editor with this email already exists.");
        }
        if (name != null && (name.length() > 200 || hasControlCharacters(name))) {
            errors.put("name", "Names are at most 200 characters, on one line.");
        }
        checkPassword(password, errors, "password");
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        Editor editor = new Editor();
        editor.email = normalized;
        editor.name = name == null || name.isBlank() ? null : name.strip();
        editor.passwordHash = BcryptUtil.bcryptHash(password);
        editor.createdAt = Instant.now();
        editor.persist();
        return editor;
    }

    /**
     * Changes a password after checking the current one, so an unattended session cannot lock its owner out. Every
     * session issued under the old password ends (see {@link EditorSession}). Returns the editor as changed.
     */
    @Transactional
    public Editor changePassword(String email, String currentPassword, String newPassword) {
        Editor editor = Editor.findByEmail(email).orElseThrow();
        Map<String, String> errors = new LinkedHashMap<>();
        if (currentPassword == null || !BcryptUtil.matches(currentPassword, editor.passwordHash)) {
            errors.put("current", "That is not your current password.");
        }
        checkPassword(newPassword, errors, "password");
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        editor.passwordHash = BcryptUtil.bcryptHash(newPassword);
        return editor;
    }

    /** Notes when an editor signed in, and returns them (for their session). */
    @Transactional
    public Editor recordSignIn(String email) {
        Editor editor = Editor.findByEmail(email).orElseThrow();
        editor.lastLoginAt = Instant.now();
        return editor;
    }

    public Optional<Editor> find(String email) {
        return Editor.findByEmail(email);
    }

    private void checkPassword(String password, Map<String, String> errors, String field) {
        if (password == null || password.length() < config.minPasswordLength()) {
            errors.put(field, "Use at least " + config.minPasswordLength() + " characters.");
        } else if (password.length() > 72) {
            // bcrypt reads only the first 72 bytes; longer passwords would be silently truncated
            errors.put(field, "Use at most 72 characters.");
        }
    }

    /** Trims an editor's email and lower-cases it; null when it is not an address. */
    static String normalizeEmail(String email) {
        if (email == null) {
            return null;
        }
        String e = email.strip().toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        if (at <= 0 || at != e.lastIndexOf('@') || at == e.length() - 1 || e.length() > 320
                || hasControlCharacters(e) || e.contains(" ")) {
            return null;
        }
        return e;
    }

    private static boolean hasControlCharacters(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
