package dev.roundup.feeds;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Collecting posts from feeds: how often, how many at once, what a feed may cost us, and the river page. */
@ConfigMapping(prefix = "roundup.feeds")
public interface FeedsConfig {

    /** How often each feed is fetched when it is healthy. */
    @WithDefault("30m")
    Duration fetchInterval();

    /** How often the scheduler looks for due feeds; {@code off} disables scheduled fetching. */
    @WithDefault("1m")
    String checkEvery();

    /** How many feeds are fetched at the same time. */
    @WithDefault("8")
    int concurrency();

    /** Longest a whole fetch may take: connecting, waiting and reading, redirects included. */
    @WithDefault("20s")
    Duration timeout();

    /** Largest feed body accepted, counted after decompression, in bytes. */
    @WithDefault("10485760")
    long maxBodyBytes();

    /**
     * How many feed bodies may be fetched and parsed at the same time, by the collector and editors together. Unset:
     * as many as fit in half the heap at four times {@code max-body-bytes} each (at least one), e.g. 2 at -Xmx192m.
     */
    Optional<Integer> bodiesInMemory();

    /** Most entries kept from one fetch (the newest first, as feeds list them). */
    @WithDefault("100")
    int maxEntriesPerFetch();

    /** Longest wait between attempts for a failing feed; the wait doubles from the fetch interval up to this. */
    @WithDefault("24h")
    Duration maxBackoff();

    /**
     * Allow fetching from private, loopback and link-local addresses (intranet feeds, tests).
     * Off by default, so a feed URL cannot be used to reach the machine's own network.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** Single addresses allowed even when private addresses are refused, e.g. one intranet blog server. */
    Optional<List<String>> allowedAddresses();

    /** How many days of posts the river shows. */
    @WithDefault("7")
    int riverDays();

    /** Posts per river page. */
    @WithDefault("50")
    int riverPageSize();

    /** Whether the river shows each post's full (sanitized) content rather than its excerpt. */
    @WithDefault("false")
    boolean riverFullContent();
}
