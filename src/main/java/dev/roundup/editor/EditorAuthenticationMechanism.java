package dev.roundup.editor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import dev.roundup.web.Problem;
import dev.roundup.web.RateLimiter;

/**
 * How a request proves it comes from an editor: an API token ({@code Authorization: Bearer}), HTTP Basic with an
 * editor's password (unless an admin turned that off), or the session cookie (browsers). Passwords and tokens go
 * through {@link SignIn} and its one attempt limiter; a disabled editor gets in by none of them. Anonymous browsers
 * asking for an editor page are sent to the login page; API clients get a 401; too many failures, a 429.
 */
@ApplicationScoped
public class EditorAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String LIMITED = "roundup.sign-in-limited";
    private static final String REFUSED = "roundup.sign-in-refused";

    @Inject
    EditorSession sessions;

    @Inject
    SignIn signIn;

    @Inject
    SignInLimits limits;

    @Inject
    AccessSettings settings;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader("Authorization");
        Cookie session = context.request().getCookie(EditorSession.COOKIE);
        if (authorization == null && (session == null || session.getValue().isEmpty())) {
            return Uni.createFrom().nullItem();
        }
        SignInLimits.Client client = client(context);
        // every check reads the database (and bcrypt is slow), so none runs on the event loop
        return Uni.createFrom().item(() -> identify(context, authorization, session, client))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private SecurityIdentity identify(RoutingContext context, String authorization, Cookie session, SignInLimits.Client client) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return identityOf(context, signIn.token(authorization.substring(7).trim(), client));
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (!settings.passwordsForApi()) {
                context.put(REFUSED, "An admin turned passwords over HTTP Basic off: send an API token as Authorization: Bearer.");
                throw new AuthenticationFailedException("an admin turned passwords over HTTP Basic off; use an API token");
            }
            String[] user = basic(authorization.substring(6).trim()).orElseThrow(AuthenticationFailedException::new);
            return identityOf(context, signIn.password(user[0], user[1], client));
        }
        if (authorization != null) {
            context.put(REFUSED, "Roundup takes Authorization: Bearer (an API token) or Basic (an editor's email and password), no other scheme.");
            throw new AuthenticationFailedException("unknown authorization scheme");
        }
        Optional<EditorSession.Live> live = sessions.find(session.getValue()).filter(l -> l.editor().isActive());
        if (live.isEmpty()) {
            // signed out, expired, or the editor was disabled: anonymous from now on, and the browser forgets the cookie
            context.response().addCookie(sessions.cleared());
            return null;
        }
        if (live.get().renewed()) {
            context.response().addCookie(sessions.renewed(session.getValue()));
        }
        return identity(live.get().editor());
    }

    private SecurityIdentity identityOf(RoutingContext context, SignIn.Outcome outcome) {
        if (outcome.limited()) {
            context.put(LIMITED, Boolean.TRUE);
        }
        if (!outcome.succeeded()) {
            throw new AuthenticationFailedException();
        }
        return identity(outcome.editor());
    }

    static SecurityIdentity identity(Editor editor) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(editor.email)).addRoles(editor.roles()).build();
    }

    /** Who is asking, for the attempt limiter: the client's address and the device cookie it carries. */
    static SignInLimits.Client client(RoutingContext context) {
        Cookie device = context.request().getCookie(DeviceCookie.COOKIE);
        return new SignInLimits.Client(RateLimiter.clientIp(context), device == null ? null : device.getValue());
    }

    private static Optional<String[]> basic(String encoded) {
        try {
            String plain = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] { plain.substring(0, colon), plain.substring(colon + 1) });
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (Boolean.TRUE.equals(context.get(LIMITED))) {
            return Uni.createFrom().item(new ChallengeData(429, "Retry-After", String.valueOf(limits.retryAfterSeconds())));
        }
        if (Problem.isApi(context.normalizedPath())) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"Roundup\", Basic realm=\"Roundup\", charset=\"UTF-8\""));
        }
        String next = context.request().uri();
        return Uni.createFrom().item(new ChallengeData(302, "Location",
                "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }

    /**
     * The challenge as {@link #getChallenge} says, and under {@code /api} with a {@code Problem} body saying why, so
     * a script gets the same kind of answer for a missing sign-in as for any other refusal.
     */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return getChallenge(context).map(challenge -> {
            HttpServerResponse response = context.response();
            response.setStatusCode(challenge.status);
            challenge.getHeaders().forEach((name, value) -> response.headers().set(name, value));
            if (Problem.isApi(context.normalizedPath()) && challenge.status >= 400 && !response.ended()) {
                String detail = challenge.status == 429 ? "Too many failed sign-ins from here: wait " + limits.retryAfterSeconds() + " seconds (Retry-After)."
                        : explanation(context);
                response.putHeader("Content-Type", Problem.MEDIA_TYPE.toString());
                response.end(new Problem(challenge.status, Problem.titleFor(challenge.status), detail, null).json());
            }
            return true;
        });
    }

    private static String explanation(RoutingContext context) {
        String refused = context.get(REFUSED);
        if (refused != null) {
            return refused;
        }
        if (context.request().getHeader("Authorization") != null) {
            return "The API token or the email and password were not accepted (wrong, revoked, or the editor is disabled).";
        }
        return "Sign in: send an API token as Authorization: Bearer or, unless an admin turned it off, an editor's email and password as HTTP Basic.";
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        // identities are built here from SignIn's answer; the type only satisfies Quarkus' start-up check
        return Set.of(TrustedAuthenticationRequest.class);
    }
}
