package dev.roundup.editor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.roundup.RoundupConfig;
import dev.roundup.bounces.BounceConfig;
import dev.roundup.feeds.Feed;
import dev.roundup.mail.MailRoute;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The editors' status page ({@code /editor/status}): feeds failing, the last backup, the mail settings in force
 * (never a password) and the version, so an editor sees what the operator would otherwise have to look up.
 */
@jakarta.ws.rs.Path("/editor/status")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.TEXT_HTML)
public class StatusResource {

    @Inject
    MailRoute mail;

    @Inject
    BounceConfig bounces;

    @Inject
    RoundupConfig roundup;

    @ConfigProperty(name = "quarkus.application.version")
    String version;

    /** The bounce mailbox in words: where Roundup reads reports, or empty when it reads none. */
    record BounceMailbox(boolean configured, String where) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance status(List<Feed> failingFeeds, Optional<Instant> lastBackup, String backups,
                MailRoute.InForce mail, BounceMailbox bounces, String version);
    }

    @GET
    public TemplateInstance status() {
        Path backups = Path.of(roundup.dataDir()).resolve("backups");
        BounceMailbox mailbox = new BounceMailbox(bounces.host().isPresent() && !"off".equals(bounces.checkEvery()),
                bounces.host().map(h -> bounces.protocol() + "://" + h + bounces.port().map(p -> ":" + p).orElse("") + "/" + bounces.folder())
                        .orElse(""));
        return Templates.status(QuarkusTransaction.requiringNew().call(Feed::failing), LastBackup.in(backups), backups.toString(),
                mail.inForce(), mailbox, version);
    }
}
