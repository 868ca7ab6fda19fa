package dev.roundup.backup;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.roundup.web.Roles;

/** Backups for an admin's script: make one now, list those kept. */
@Path("/api/backups")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Backups")
public class BackupApiResource {

    @Inject
    Backups backups;

    @GET
    @Operation(summary = "The backups in <data>/backups, newest first (admins)")
    public List<Backups.Backup> list() {
        return backups.list();
    }

    @POST
    @Operation(summary = "Back up the embedded database now (admins); on PostgreSQL a 409 saying to use pg_dump")
    public Response backUp() {
        return Response.status(201).entity(backups.backUpNow()).build();
    }
}
