package dev.roundup.editor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * How a request proves it comes from an editor: HTTP Basic (scripts, curl) or the signed session cookie (browsers).
 * Both end at the same editor accounts. Anonymous browsers asking for an editor page are sent to the login page;
 * API clients get a 401 with a Basic challenge.
 */
@ApplicationScoped
public class EditorAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    EditorSession sessions;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim())
                    .map(request -> identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context)))
                    .orElseGet(() -> Uni.createFrom().failure(new io.quarkus.security.AuthenticationFailedException()));
        }
        Cookie cookie = context.request().getCookie(EditorSession.COOKIE);
        Optional<EditorSession.Session> session = sessions.read(cookie == null ? null : cookie.getValue());
        if (session.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        EditorSession.Session s = session.get();
        if (sessions.needsRenewal(s)) {
            context.response().addCookie(sessions.renewed(s)); // a renewed session keeps its password stamp
        }
        // a deleted editor, or a session from before a password change, is anonymous from now on (a database read,
        // so on a worker thread); the trusted request then goes to the accounts like any other
        return Uni.createFrom().item(() -> sessions.isCurrent(s)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(current -> current
                        ? identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new TrustedAuthenticationRequest(s.email()), context))
                        : Uni.createFrom().nullItem());
    }

    private static Optional<AuthenticationRequest> basic(String encoded) {
        try {
            String plain = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            String user = plain.substring(0, colon);
            String email = Editors.normalizeEmail(user);
            return Optional.of(new UsernamePasswordAuthenticationRequest(email == null ? user : email,
                    new PasswordCredential(plain.substring(colon + 1).toCharArray())));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.startsWith("/api/") || path.equals("/api")) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"Roundup\", charset=\"UTF-8\""));
        }
        String next = context.request().uri();
        return Uni.createFrom().item(new ChallengeData(302, "Location",
                "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class, TrustedAuthenticationRequest.class);
    }
}
