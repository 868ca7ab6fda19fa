package dev.roundup.editor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;

import dev.roundup.NotFound;
import dev.roundup.Rejected;
import dev.roundup.TextRules;

/**
 * Creates, lists, checks and revokes API tokens. A token is shown once, when created; afterwards only its name and
 * dates are known. An editor manages their own tokens; an admin sees and revokes everyone's.
 */
@ApplicationScoped
public class ApiTokens {

    private static final String PREFIX = "rtk_";
    /** Last-used is written at most this often per token, not on every request. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final Map<Long, Instant> lastWritten = new ConcurrentHashMap<>();

    /** A token just created: the one time its secret is known. */
    public record Created(ApiToken token, String secret) {
    }

    @Transactional
    public Created create(String ownerEmail, String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100 || !TextRules.isOneLine(n)) {
            throw new Rejected("name", "Give the token a name of at most 100 characters, on one line, e.g. \"backup script\".");
        }
        String secret = OpaqueToken.create(PREFIX);
        ApiToken token = new ApiToken();
        token.editor = Editor.findByEmail(ownerEmail).orElseThrow();
        token.name = n;
        token.tokenHash = OpaqueToken.hash(secret);
        token.createdAt = Instant.now();
        token.persist();
        return new Created(token, secret);
    }

    /** The editor's own tokens, or, for an admin asking for all, everyone's. */
    @Transactional
    public List<ApiToken> list(String callerEmail, boolean all) {
        Editor caller = Editor.findByEmail(callerEmail).orElseThrow();
        if (all && !caller.isAdmin()) {
            throw new ForbiddenException("Only an admin sees other editors' tokens.");
        }
        return all ? ApiToken.listEveryones() : ApiToken.listOf(caller);
    }

    @Transactional
    public ApiToken revoke(String callerEmail, long id) {
        Editor caller = Editor.findByEmail(callerEmail).orElseThrow();
        ApiToken token = ApiToken.<ApiToken> find("from ApiToken t join fetch t.editor where t.id = ?1", id).firstResultOptional().orElseThrow(() -> new NotFound("No such token " + id + "."));
        if (!token.editor.id.equals(caller.id) && !caller.isAdmin()) {
            throw new ForbiddenException("Only an admin revokes other editors' tokens.");
        }
        token.delete();
        lastWritten.remove(id);
        return token;
    }

    /** Deletes every token of an editor (when the editor is removed). */
    @Transactional
    void deleteAllOf(Editor editor) {
        ApiToken.delete("editor = ?1", Editor.<Editor> findById(editor.id));
    }

    /** The token with this secret, its use noted; empty when there is none (revoked, or never was). */
    @Transactional
    public Optional<ApiToken> use(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Optional<ApiToken> found = ApiToken.findByHash(OpaqueToken.hash(secret));
        found.ifPresent(token -> {
            Instant now = Instant.now();
            Instant written = lastWritten.get(token.id);
            if (written == null || written.plus(LAST_USED_PRECISION).isBefore(now)) {
                lastWritten.put(token.id, now);
                token.lastUsedAt = now;
            }
        });
        return found;
    }
}
