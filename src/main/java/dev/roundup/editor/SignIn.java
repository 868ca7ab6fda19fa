package dev.roundup.editor;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Checks the credentials of every way in, through {@link SignInLimits}: a password (the form, HTTP Basic) and an API
 * token. A disabled editor is refused by each. Blocking (bcrypt, the database): call it on a worker thread.
 */
@ApplicationScoped
public class SignIn {

    @Inject
    SignInLimits limits;

    @Inject
    PasswordHashes hashes;

    @Inject
    Editors editors;

    @Inject
    ApiTokens tokens;

    /** What an attempt came to: the editor (signed in), nobody (wrong), or too many attempts (wait). */
    public record Outcome(Editor editor, boolean limited) {
        static final Outcome WRONG = new Outcome(null, false);
        static final Outcome LIMITED = new Outcome(null, true);

        public boolean succeeded() {
            return editor != null;
        }
    }

    /** An email and password, as the form or HTTP Basic sent them. */
    public Outcome password(String email, String password, SignInLimits.Client client) {
        String account = Editors.normalizeEmail(email);
        // counted as a failure before bcrypt, in the step that checks the allowance: parallel guesses get no more
        Optional<SignInLimits.Attempt> attempt = limits.reserve(account, client);
        if (attempt.isEmpty()) {
            return Outcome.LIMITED;
        }
        // the lookup in its own short transaction: bcrypt below takes a while and needs no connection
        Optional<Editor> editor = account == null ? Optional.empty()
                : QuarkusTransaction.requiringNew().call(() -> editors.find(account));
        boolean matches = hashes.matches(password, editor.map(e -> e.passwordHash).orElse(null));
        if (matches && editor.isPresent() && editor.get().isActive()) {
            limits.succeeded(attempt.get());
            if (hashes.weakerThanNow(editor.get().passwordHash)) {
                QuarkusTransaction.requiringNew().run(() -> editors.rehash(account, password));
            }
            return new Outcome(editor.get(), false);
        }
        return Outcome.WRONG;
    }

    /**
     * An API token, as {@code Authorization: Bearer} sent it. A valid one is looked up first and let through whatever
     * the address did before (it cannot have been guessed); wrong ones count under a limit of their own.
     */
    public Outcome token(String secret, SignInLimits.Client client) {
        Optional<ApiToken> token = tokens.use(secret);
        if (token.isPresent() && token.get().editor.isActive()) {
            return new Outcome(token.get().editor, false);
        }
        return limits.tokenFailed(client) ? Outcome.WRONG : Outcome.LIMITED;
    }
}
