package dev.roundup.clicks;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import dev.roundup.NotFound;
import dev.roundup.roundup.Issue;
import dev.roundup.roundup.Item;
import dev.roundup.web.RateLimiter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.ext.web.RoutingContext;

/**
 * The first-party redirect of a sent issue's links, {@code /r/{token}}: a GET is heard by {@link ClickTally} and
 * answered with a 302 to the link's target as the issue holds it; a HEAD is answered alike and never counted; a
 * token this Roundup did not sign is a 404, never a redirect.
 */
@Path("/r")
public class ClickResource {

    @Inject
    ClickLinks links;

    @Inject
    ClickTally tally;

    @GET
    @Path("{token}")
    @Operation(hidden = true)
    public Response follow(@RestPath String token, RoutingContext rc) {
        ClickLinks.Link link = known(token);
        URI target = target(link);
        tally.heard(link.issueId(), link.key(), RateLimiter.clientIp(rc));
        return redirect(target);
    }

    @HEAD
    @Path("{token}")
    @Operation(hidden = true)
    public Response look(@RestPath String token) {
        // scanners and link previews ask with HEAD: answered like a GET, never counted
        return redirect(target(known(token)));
    }

    private ClickLinks.Link known(String token) {
        return links.read(token).orElseThrow(() -> new NotFound("This link is not one of ours: it may have been cut short when it was copied."));
    }

    /** Where a link leads, read from the issue; only http(s). */
    private static URI target(ClickLinks.Link link) {
        String url = QuarkusTransaction.requiringNew().call(() -> {
            Issue issue = Issue.findById(link.issueId());
            if (issue == null) {
                return null;
            }
            if (link.itemId() == null) {
                return issue.sponsorUrl;
            }
            Item item = Item.findById(link.itemId());
            return item == null || !item.section.issue.id.equals(issue.id) ? null : item.url;
        });
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new NotFound("This link's issue or item no longer exists.");
        }
        try {
            return URI.create(url);
        } catch (IllegalArgumentException unusable) {
            throw new NotFound("This link's target is not a usable address.");
        }
    }

    private static Response redirect(URI target) {
        return Response.status(Response.Status.FOUND).location(target).header("Cache-Control", "no-store").build();
    }
}
