package dev.roundup.enrichment;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Enriching links: how often the pass runs, how much it does at a time, and what a thumbnail may be. */
@ConfigMapping(prefix = "roundup.enrichment")
public interface EnrichmentConfig {

    /** How often the pass looks for links to enrich; {@code off} disables it (links are then enriched only when asked). */
    @WithDefault("1m")
    String every();

    /** Most links one pass enriches, so a pass stays short however many posts arrived. */
    @WithDefault("20")
    int batch();

    /** How many days back the pass looks for posts without enrichment. */
    @WithDefault("7")
    int postDays();

    /** How often a link whose enrichment failed is tried, in all. */
    @WithDefault("3")
    int maxAttempts();

    /** How long after a failure a link is tried again. */
    @WithDefault("6h")
    Duration retryAfter();

    /** Width of a thumbnail, in pixels (shown at half that in the email, sharp on high-density screens). */
    @WithDefault("240")
    int thumbnailWidth();

    /** Largest image (width × height, in pixels) Roundup decodes; a larger one is refused before decoding. */
    @WithDefault("40000000")
    long maxImagePixels();
}
