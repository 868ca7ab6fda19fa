package dev.roundup.editor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.roundup.Conflict;
import dev.roundup.EmailAddress;
import dev.roundup.NotFound;
import dev.roundup.Rejected;
import dev.roundup.TextRules;
import dev.roundup.web.Roles;

/**
 * Adds, disables, removes editors, gives them a role, checks and changes their passwords. The rules for an acceptable
 * account live here, among them that the last active admin cannot be disabled, removed or demoted.
 */
@ApplicationScoped
public class Editors {

    @Inject
    EditorConfig config;

    @Inject
    PasswordHashes hashes;

    @Inject
    EditorSession sessions;

    @Inject
    SignInLimits limits;

    @Inject
    ApiTokens tokens;

    /** Adds an editor with the {@link Roles#EDITOR} role. */
    @Transactional
    public Editor add(String email, String name, String password) {
        return add(email, name, password, Roles.EDITOR);
    }

    /** Adds an editor with a role: {@link Roles#EDITOR} or {@link Roles#ADMIN}. */
    @Transactional
    public Editor add(String email, String name, String password, String role) {
        Map<String, String> errors = new LinkedHashMap<>();
        String r = role == null || role.isBlank() ? Roles.EDITOR : role;
        checkRole(r, errors);
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
        editor.passwordHash = hashes.hash(password);
        editor.role = r;
        editor.createdAt = Instant.now();
        editor.persist();
        return editor;
    }

    /**
     * Changes a password after checking the current one, so an unattended session cannot lock its owner out. The
     * caller ends the editor's other sessions ({@link EditorSession#endAllOthers}). Returns the editor as changed.
     * Wrong current passwords are limited per account like sign-ins ({@link SignInLimits#reservePasswordChange}): a
     * stolen session cookie must not become an unlimited password oracle.
     *
     * @throws SignInLimits.Limited after too many wrong current passwords
     */
    @Transactional
    public Editor changePassword(String email, String currentPassword, String newPassword) {
        Editor editor = Editor.findByEmail(email).orElseThrow();
        SignInLimits.Attempt attempt = limits.reservePasswordChange(editor.email).orElseThrow(SignInLimits.Limited::new);
        Map<String, String> errors = new LinkedHashMap<>();
        if (hashes.matches(currentPassword, editor.passwordHash)) {
            limits.succeeded(attempt);
        } else {
            errors.put("current", "That is not your current password.");
        }
        checkPassword(newPassword, errors, "password");
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        editor.passwordHash = hashes.hash(newPassword);
        return editor;
    }

    /** Hashes an editor's password anew at today's cost, after a sign-in with it; see {@link PasswordHashes#weakerThanNow}. */
    @Transactional
    void rehash(String email, String password) {
        Editor.findByEmail(email).ifPresent(editor -> editor.passwordHash = hashes.hash(password));
    }

    /** Disables an editor: no sign-in by any way, and their sessions and tokens stop working at once. */
    @Transactional
    public Editor disable(long id) {
        Editor editor = existing(id);
        if (editor.isActive()) {
            keepAnAdmin(editor, "disable");
            editor.disabledAt = Instant.now();
            sessions.endAll(editor);
        }
        return editor;
    }

    @Transactional
    public Editor enable(long id) {
        Editor editor = existing(id);
        editor.disabledAt = null;
        return editor;
    }

    /** Removes an editor's account, sessions and tokens. What they curated or sent stays. */
    @Transactional
    public Editor remove(long id) {
        Editor editor = existing(id);
        if (editor.isActive()) {
            keepAnAdmin(editor, "remove");
        }
        sessions.endAll(editor);
        tokens.deleteAllOf(editor);
        editor.delete();
        return editor;
    }

    @Transactional
    public Editor setRole(long id, String role) {
        Editor editor = existing(id);
        Map<String, String> errors = new LinkedHashMap<>();
        checkRole(role, errors);
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        if (Roles.EDITOR.equals(role) && editor.isActive()) {
            keepAnAdmin(editor, "make an editor");
        }
        editor.role = role;
        return editor;
    }

    /** Refuses a change that would leave no active admin: then nobody could manage editors any more. */
    private static void keepAnAdmin(Editor editor, String what) {
        if (editor.isAdmin() && Editor.countActiveAdminsLocked() <= 1) {
            // a conflict with the state of the accounts, not a malformed request
            throw new Conflict("You cannot " + what + " " + editor.email
                    + ": they are the last active admin. Make someone else an admin first.");
        }
    }

    private static Editor existing(long id) {
        Editor editor = Editor.findById(id);
        if (editor == null) {
            throw new NotFound("There is no editor " + id + ".");
        }
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

    private static void checkRole(String role, Map<String, String> errors) {
        if (!Roles.EDITOR.equals(role) && !Roles.ADMIN.equals(role)) {
            errors.put("role", "The role is \"editor\" or \"admin\".");
        }
    }

    private void checkPassword(String password, Map<String, String> errors, String field) {
        if (password == null || password.length() < config.minPasswordLength()) {
            errors.put(field, "Use at least " + config.minPasswordLength() + " characters.");
        } else if (password.length() > 72) {
            // bcrypt reads only the first 72 bytes; longer passwords would be silently truncated
            errors.put(field, "Use at most 72 characters.");
        }
    }

    /** An editor's email as their account's key ({@link EmailAddress#key()}); null when it is not an address. */
    static String normalizeEmail(String email) {
        return EmailAddress.parseAccount(email).map(EmailAddress::key).orElse(null);
    }

    private static boolean hasControlCharacters(String s) {
        return !TextRules.isOneLine(s);
    }
}
