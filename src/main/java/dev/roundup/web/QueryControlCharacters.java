package dev.roundup.web;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * No query parameter (a search, a status filter) may hold a control character. None is ever meant, and PostgreSQL
 * refuses a NUL in any text it is given, so a {@code ?q=%00} would fail deep in a query as a server error; refused
 * here, for every list at once, it is the visitor's 400 with a plain message.
 */
public class QueryControlCharacters {

    @Inject
    ErrorPages errorPages;

    @ServerRequestFilter(preMatching = true)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (value != null && value.chars().anyMatch(Character::isISOControl)) {
                    String name = parameter.getKey().length() > 40 ? parameter.getKey().substring(0, 40) + "…" : parameter.getKey();
                    return errorPages.response(request.getUriInfo().getPath(), 400, "Bad request",
                            "The parameter " + name.replaceAll("\\p{Cntrl}", "?") + " holds a control character; leave those out.");
                }
            }
        }
        return null;
    }
}
