package dev.roundup.suggestions;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import dev.roundup.Rejected;
import dev.roundup.web.Flash;
import dev.roundup.web.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The editors' queue of suggested links: each with its warnings, accepted with a title or declined with a reason. */
@Path("/editor/suggestions")
@RolesAllowed(Roles.EDITOR)
@Produces(MediaType.TEXT_HTML)
public class SuggestionEditorResource {

    static final int PAGE_SIZE = 20;

    @Inject
    Suggestions suggestions;

    @Inject
    Flash flash;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(List<Suggestions.Queued> queue, SuggestionStatus status, List<SuggestionStatus> statuses,
                Map<String, Long> counts, int page, boolean hasNext);
    }

    @GET
    public TemplateInstance queue(@RestQuery String status, @RestQuery Integer page) {
        SuggestionStatus s = status(status);
        int p = page == null ? 0 : Math.max(0, page);
        List<Suggestions.Queued> list = suggestions.queue(s, p, PAGE_SIZE + 1);
        return Templates.queue(list.stream().limit(PAGE_SIZE).toList(), s, Arrays.asList(SuggestionStatus.values()), counts(), p,
                list.size() > PAGE_SIZE);
    }

    @POST
    @Path("moderate")
    public Response moderate(@RestForm("id") List<Long> ids, @RestForm String action, @RestForm String reason, @RestForm String title,
            @RestForm String back) {
        SuggestionStatus from = status(back);
        try {
            int changed = suggestions.decide(ids, action, reason, title);
            if (changed == 0) {
                flash.warning("Nothing changed: that suggestion was decided already.");
            } else {
                flash.set(("accept".equals(action) ? "Accepted: offered in the next draft." : "Declined.")
                        + " A suggester who left an address is told by mail.");
            }
        } catch (Rejected refused) {
            flash.error(refused.getMessage());
        }
        return Response.seeOther(URI.create("/editor/suggestions?status=" + from.label())).build();
    }

    static SuggestionStatus status(String value) {
        for (SuggestionStatus s : SuggestionStatus.values()) {
            if (s.label().equals(value)) {
                return s;
            }
        }
        return SuggestionStatus.PENDING;
    }

    private static Map<String, Long> counts() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> m = new LinkedHashMap<>();
            for (SuggestionStatus s : SuggestionStatus.values()) {
                m.put(s.label(), Suggestion.count("status", s));
            }
            return m;
        });
    }
}
