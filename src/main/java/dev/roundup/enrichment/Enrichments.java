package dev.roundup.enrichment;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.UniqueKey;
import dev.roundup.feeds.FetchFailure;
import dev.roundup.feeds.Fetcher;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one entry point for enriching links, for every feature that shows one (posts, suggestions, items): ask for a
 * URL to be enriched ({@link #request}, cheap, the pass does the fetching), or enrich it now on a worker thread
 * ({@link #enrichNow}); read what is known ({@link #card}, {@link #cards}).
 */
@ApplicationScoped
public class Enrichments {

    @Inject
    LinkEnricher enricher;

    /**
     * Records that {@code url} should be enriched; the next pass fetches it. Does nothing for a URL already known or
     * one Roundup would never fetch. Never throws for a bad URL: enrichment must not break the caller's page.
     */
    public void request(String url) {
        if (!fetchable(url)) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (Enrichment.forUrl(url).isEmpty()) {
                    Enrichment e = new Enrichment();
                    e.url = url;
                    e.urlKey = Enrichment.key(url);
                    e.status = Enrichment.Status.PENDING;
                    e.requestedAt = Instant.now();
                    e.persist();
                }
            });
        } catch (RuntimeException race) {
            if (!UniqueKey.violated(race)) {
                throw race;
            }
            // another request recorded it first: that is all we wanted
        }
    }

    /**
     * Enriches {@code url} now (if it was not yet) and says what is known. Blocking, up to the fetch deadline for the
     * page and again for its image: call it from a worker thread, never from a page an editor waits on.
     */
    public Optional<LinkCard> enrichNow(String url) {
        request(url);
        QuarkusTransaction.requiringNew().call(() -> Enrichment.forUrl(url)).filter(e -> e.status == Enrichment.Status.PENDING)
                .ifPresent(e -> enricher.enrich(e.id, e.attempts));
        return card(url);
    }

    /** What is known about {@code url}, if it was ever asked for. */
    public Optional<LinkCard> card(String url) {
        return QuarkusTransaction.joiningExisting().call(() -> Enrichment.forUrl(url).map(LinkCard::of));
    }

    /** What is known about each of these URLs, in one query; URLs never asked for are left out. */
    public static Map<String, LinkCard> cards(Collection<String> urls) {
        return QuarkusTransaction.joiningExisting().call(() -> Enrichment.forUrls(urls).stream()
                .collect(Collectors.toMap(e -> e.url, LinkCard::of, (a, b) -> a)));
    }

    private static boolean fetchable(String url) {
        if (url == null || url.length() > 2000) {
            return false;
        }
        try {
            Fetcher.parse(url);
            return true;
        } catch (FetchFailure never) {
            return false;
        }
    }
}
