package dev.roundup.backup;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;


import dev.roundup.web.Flash;
import dev.roundup.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The admins' backups page: "Back up now" and the backups kept ({@link BackupApiResource} for scripts). */
@Path("/editor/backups")
@RolesAllowed(Roles.ADMIN)
public class BackupResource {

    @Inject
    Backups backups;

    @Inject
    Flash flash;

    @Inject
    BackupConfig config;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance backups(List<Backups.Backup> backups, boolean embedded, String folder, int keep, String cron);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return Templates.backups(backups.list(), backups.embedded(), backups.folder().toAbsolutePath().toString(), config.keep(), config.cron());
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response backUpFromPage() {
        flash.set("Backed up to " + backups.backUpNow().file() + ".");
        return Response.seeOther(URI.create("/editor/backups")).build();
    }
}
