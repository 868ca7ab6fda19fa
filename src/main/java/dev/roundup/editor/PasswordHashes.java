package dev.roundup.editor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.LaunchMode;

/**
 * Editors' passwords as bcrypt hashes, at the cost {@link EditorConfig#passwordCost()} sets. A hash keeps the cost it
 * was made with, so raising the cost strengthens new and changed passwords and still accepts the old ones.
 */
@ApplicationScoped
public class PasswordHashes {

    static final int LOWEST_COST = 4;

    /** bcrypt at 16 takes seconds a check on a small server; more would hang every sign-in. */
    static final int HIGHEST_COST = 16;

    /** What production needs at least; lower is for tests, and said at start-up outside them. */
    static final int ADVISED_COST = 10;

    private static final Logger LOG = Logger.getLogger(PasswordHashes.class);

    private final int cost;

    /** As slow as a real check, so the answer's timing does not tell who is an editor. */
    private final String timingHash;

    @Inject
    PasswordHashes(EditorConfig config) {
        this(config.passwordCost());
        if (cost < ADVISED_COST && LaunchMode.current() != LaunchMode.TEST) {
            LOG.warnf("roundup.editor.password-cost is %d: editors' passwords are hashed with less work than the advised %d,"
                    + " so a stolen database is guessed faster", cost, ADVISED_COST);
        }
    }

    PasswordHashes(int cost) {
        this.cost = cost;
        if (cost < LOWEST_COST || cost > HIGHEST_COST) {
            throw new IllegalArgumentException("roundup.editor.password-cost must be between " + LOWEST_COST + " and " + HIGHEST_COST + ", not " + cost);
        }
        this.timingHash = hash("roundup-timing-equaliser");
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /**
     * Whether a hash was made with less work than hashes are made now: after the cost was raised, a sign-in hashes the
     * password anew, so that a check for an unknown account (at today's cost) takes as long as one for an editor.
     */
    public boolean weakerThanNow(String hash) {
        try {
            return hash != null && hash.length() > 6 && Integer.parseInt(hash.substring(4, 6)) < cost;
        } catch (NumberFormatException notBcrypt) {
            return true;
        }
    }

    /** Whether the password is the one hashed; a null hash (no such editor) takes as long and never matches. */
    public boolean matches(String password, String hash) {
        boolean matches = password != null && BcryptUtil.matches(password, hash == null ? timingHash : hash);
        return matches && hash != null;
    }
}
