package dev.roundup.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one paging rule for every list, page or API: a {@code page} is a whole number from 0 to {@value #MAX_PAGE}.
 * A larger one would overflow the row offset (page × size) into a negative number and fail deep in the database
 * layer; refusing it here, with a plain message, keeps each list free of its own check.
 */
public class Paging {

    /** Far beyond any real list (100,000 pages of 500 rows), and small enough that page × size fits an int. */
    public static final int MAX_PAGE = 100_000;

    @Inject
    ErrorPages errorPages;

    @ServerRequestFilter(preMatching = true)
    public Response boundedPage(ContainerRequestContext request) {
        String page = request.getUriInfo().getQueryParameters().getFirst("page");
        if (page == null || page.isEmpty()) {
            return null;
        }
        try {
            long p = Long.parseLong(page.strip());
            if (p <= MAX_PAGE) {
                return null; // below 0 each list starts at page 0
            }
        } catch (NumberFormatException notANumber) {
            // a page that is no whole number (or too long for one) gets the same answer, not a bare "nothing here"
        }
        return errorPages.response(request.getUriInfo().getPath(), 400, "Bad request",
                "There is no page " + (page.length() > 20 ? page.substring(0, 20) + "…" : page) + ": pages go from 0 to " + MAX_PAGE + ".");
    }
}
