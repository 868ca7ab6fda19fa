package dev.roundup.listings;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Community submissions: how long jobs stay up, how often one network may submit. */
@ConfigMapping(prefix = "roundup.listings")
public interface ListingsConfig {

    /** How long a job stays open after it is approved (editors can change each job's date). */
    @WithDefault("30d")
    Duration jobLifetime();

    /** Most submissions (projects and jobs together) one IP address may make in an hour. */
    @WithDefault("10")
    int submissionsPerIpPerHour();

    /** How long the same form from the same submitter counts as sent twice (one listing), not as a new listing. */
    @WithDefault("1h")
    Duration duplicateWindow();

    /** Listings per public page. */
    @WithDefault("20")
    int pageSize();
}
