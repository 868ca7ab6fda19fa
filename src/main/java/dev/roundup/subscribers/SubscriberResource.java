package dev.roundup.subscribers;

import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.roundup.Rejected;
import dev.roundup.web.Flash;
import dev.roundup.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The editor's subscriber pages: search and filter, one subscriber's history, add, import and export. */
@Path("/editor/subscribers")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.TEXT_HTML)
public class SubscriberResource {

    static final int PAGE_SIZE = 50;

    @Inject
    SubscriberDirectory directory;

    @Inject
    SubscriberCsv csv;

    @Inject
    SubscriberLinks links;

    @Inject
    Flash flash;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(SubscriberDirectory.Listing listing, SubscriberDirectory.Filter filter,
                SubscriberDirectory.Counts counts, Map<String, String> values, Map<String, String> errors,
                SubscriberCsv.ImportReport report);

        static native TemplateInstance subscriber(Subscriber subscriber, List<SubscriberEvent> history, String unsubscribeUrl,
                Map<String, String> errors);
    }

    @GET
    public TemplateInstance list(@RestQuery String q, @RestQuery String status, @RestQuery Integer page) {
        SubscriberDirectory.Filter filter = SubscriberDirectory.Filter.of(q, status);
        return Templates.list(directory.search(filter, page == null ? 0 : page, PAGE_SIZE), filter, directory.counts(),
                Map.of(), Map.of(), null);
    }

    @POST
    public Response add(@RestForm String email, @RestForm String name, @RestForm String mode) throws MessagingException {
        try {
            Subscriber s = directory.add(email, name, "confirmed".equals(mode));
            flash.set("confirmed".equals(mode) ? "Added " + s.email + " as confirmed." : "Added " + s.email + " and sent a confirmation mail.");
            return Response.seeOther(URI.create("/editor/subscribers/" + s.id)).build();
        } catch (Rejected rejected) {
            SubscriberDirectory.Filter none = SubscriberDirectory.Filter.of(null, null);
            return Response.status(400).entity(Templates.list(directory.search(none, 0, PAGE_SIZE), none, directory.counts(),
                    Map.of("email", email == null ? "" : email, "name", name == null ? "" : name), rejected.errors(), null)).build();
        }
    }

    @POST
    @Path("import")
    public Response importCsv(@RestForm("file") FileUpload file, @RestForm String mode, @RestForm boolean override,
            @RestForm boolean overwriteNames) throws Exception {
        SubscriberDirectory.Filter none = SubscriberDirectory.Filter.of(null, null);
        if (file == null || file.uploadedFile() == null) {
            return Response.status(400).entity(Templates.list(directory.search(none, 0, PAGE_SIZE), none, directory.counts(),
                    Map.of(), Map.of("file", "Choose a CSV file with an email column (and optionally a name)."), null)).build();
        }
        SubscriberCsv.ImportReport report;
        try (Reader reader = new InputStreamReader(Files.newInputStream(file.uploadedFile()), StandardCharsets.UTF_8)) {
            report = csv.importCsv(reader, "confirmed".equals(mode) ? SubscriberCsv.Mode.CONFIRMED : SubscriberCsv.Mode.SEND_CONFIRMATION,
                    override, overwriteNames);
        } catch (Rejected notCsv) {
            return Response.status(400).entity(Templates.list(directory.search(none, 0, PAGE_SIZE), none, directory.counts(),
                    Map.of(), Map.of("file", notCsv.getMessage()), null)).build();
        }
        return Response.ok(Templates.list(directory.search(none, 0, PAGE_SIZE), none, directory.counts(), Map.of(), Map.of(), report))
                .build();
    }

    @GET
    @Path("export.csv")
    @Produces("text/csv;charset=UTF-8")
    public Response export(@RestQuery String q, @RestQuery String status) {
        SubscriberDirectory.Filter filter = SubscriberDirectory.Filter.of(q, status);
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            csv.export(filter, writer);
            writer.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"subscribers.csv\"").build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance subscriber(@RestPath long id) {
        Subscriber s = directory.find(id).orElseThrow(NotFoundException::new);
        return Templates.subscriber(s, directory.history(id), links.unsubscribeUrl(s), Map.of());
    }

    @POST
    @Path("{id}")
    public Response rename(@RestPath long id, @RestForm String name) {
        try {
            directory.rename(id, name);
            flash.set("Saved.");
            return Response.seeOther(URI.create("/editor/subscribers/" + id)).build();
        } catch (Rejected rejected) {
            Subscriber s = directory.find(id).orElseThrow(NotFoundException::new);
            return Response.status(400).entity(Templates.subscriber(s, directory.history(id), links.unsubscribeUrl(s), rejected.errors()))
                    .build();
        }
    }

    @POST
    @Path("{id}/unsubscribe")
    public Response unsubscribe(@RestPath long id) {
        directory.unsubscribe(id);
        flash.set("Unsubscribed.");
        return Response.seeOther(URI.create("/editor/subscribers/" + id)).build();
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath long id) {
        directory.delete(id);
        flash.set("Deleted. The address is kept only as a hash on the suppression list, so no import adds it again.");
        return Response.seeOther(URI.create("/editor/subscribers")).build();
    }
}
