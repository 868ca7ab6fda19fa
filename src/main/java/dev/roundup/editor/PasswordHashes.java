package dev.roundup.editor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Editors' passwords as bcrypt hashes, at the cost {@link EditorConfig#passwordCost()} sets. A hash keeps the cost it
 * was made with, so raising the cost strengthens new and changed passwords and still accepts the old ones.
 */
@ApplicationScoped
public class PasswordHashes {

    static final int LOWEST_COST = 4;

    private final int cost;

    /** As slow as a real check, so the answer's timing does not tell who is an editor. */
    private final String timingHash;

    @Inject
    PasswordHashes(EditorConfig config) {
        this(config.passwordCost());
    }

    PasswordHashes(int cost) {
        this.cost = cost;
        if (cost < LOWEST_COST || cost > 31) {
            throw new IllegalArgumentException("roundup.editor.password-cost must be between " + LOWEST_COST + " and 31, not " + cost);
        }
        this.timingHash = hash("roundup-timing-equaliser");
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** Whether the password is the one hashed; a null hash (no such editor) takes as long and never matches. */
    public boolean matches(String password, String hash) {
        boolean matches = password != null && BcryptUtil.matches(password, hash == null ? timingHash : hash);
        return matches && hash != null;
    }
}
