package dev.roundup.enrichment;

import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.feeds.CanonicalUrl;
import dev.roundup.feeds.FetchFailure;
import dev.roundup.feeds.Fetched;
import dev.roundup.feeds.Fetcher;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Enriches one link: fetches its page through the guarded {@link Fetcher}, reads its {@link PageFacts}, and makes a
 * thumbnail of its og:image (fetched once, through the same Fetcher). Network work happens outside any
 * transaction; each row is claimed first, so two instances do not enrich the same link at once. A failure is
 * written on the row, never thrown.
 */
@ApplicationScoped
class LinkEnricher {

    private static final Logger LOG = Logger.getLogger(LinkEnricher.class);

    @Inject
    Fetcher fetcher;

    @Inject
    EnrichmentConfig config;

    /** Enriches the row {@code id} if nobody else has claimed it since it was read at {@code attempts}. */
    void enrich(long id, int attempts) {
        String url = QuarkusTransaction.requiringNew().call(() -> claim(id, attempts));
        if (url == null) {
            return;
        }
        PageFacts facts;
        try {
            facts = page(url);
        } catch (FetchFailure failure) {
            save(id, null, null, "page: " + failure.getMessage());
            return;
        }
        String thumbnail = null;
        String imageFailure = null;
        if (facts.imageUrl() != null) {
            try {
                thumbnail = thumbnail(facts.imageUrl());
            } catch (FetchFailure | ThumbnailMaker.Refused refused) {
                imageFailure = "image: " + refused.getMessage();
                LOG.debugf("No thumbnail for %s: %s", url, refused.getMessage());
            }
        }
        save(id, facts, thumbnail, imageFailure);
    }

    private static String claim(long id, int attempts) {
        int claimed = Enrichment.update("attempts = attempts + 1, triedAt = ?1 where id = ?2 and attempts = ?3", Instant.now(), id, attempts);
        return claimed == 1 ? Enrichment.<Enrichment>findById(id).url : null;
    }

    private PageFacts page(String url) throws FetchFailure {
        Fetched page = fetcher.get(url, null, null);
        if (!page.ok()) {
            throw new FetchFailure("HTTP " + page.status());
        }
        String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.contains("html")) {
            return new PageFacts(null, null, null, null); // a PDF, a picture: nothing to read, and no failure
        }
        try {
            return PageFacts.read(page.body(), page.contentType(), page.finalUrl());
        } catch (java.io.IOException | RuntimeException unreadable) {
            throw new FetchFailure("unreadable page: " + unreadable.getMessage());
        }
    }

    /** The id of a thumbnail of {@code imageUrl}: one made before for another page, or made now. */
    private String thumbnail(String imageUrl) throws FetchFailure, ThumbnailMaker.Refused {
        String known = QuarkusTransaction.requiringNew().call(() -> Enrichment.thumbnailOf(imageUrl).orElse(null));
        if (known != null) {
            return known;
        }
        Fetched image = fetcher.get(imageUrl, null, null);
        if (!image.ok()) {
            throw new FetchFailure("HTTP " + image.status());
        }
        String type = image.contentType() == null ? "" : image.contentType().toLowerCase(Locale.ROOT);
        if (type.contains("svg") || type.contains("html") || type.contains("xml")) {
            throw new ThumbnailMaker.Refused("not an image Roundup takes: " + type);
        }
        ThumbnailMaker.Made made = ThumbnailMaker.make(image.body(), config.thumbnailWidth(), config.maxImagePixels());
        String id = CanonicalUrl.sha256(made.bytes());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (Thumbnail.findById(id) == null) {
                    Thumbnail t = new Thumbnail();
                    t.id = id;
                    t.contentType = made.contentType();
                    t.width = made.width();
                    t.height = made.height();
                    t.bytes = made.bytes();
                    t.createdAt = Instant.now();
                    t.persist();
                }
            });
        } catch (RuntimeException race) {
            if (!dev.roundup.UniqueKey.violated(race)) {
                throw race;
            }
            // another instance stored the same picture first
        }
        return id;
    }

    private static void save(long id, PageFacts facts, String thumbnailId, String failure) {
        QuarkusTransaction.requiringNew().run(() -> {
            Enrichment e = Enrichment.findById(id);
            if (e == null) {
                return;
            }
            e.failure = failure == null ? null : failure.length() > 300 ? failure.substring(0, 299) + "…" : failure;
            if (facts == null) {
                e.status = Enrichment.Status.FAILED;
                return;
            }
            e.status = Enrichment.Status.DONE;
            e.siteName = facts.siteName();
            e.author = facts.author();
            e.readingMinutes = facts.readingMinutes();
            e.imageUrl = facts.imageUrl();
            e.thumbnailId = thumbnailId;
        });
    }
}
