package dev.roundup.clicks;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a mail scanner's fetches are told from readers' clicks ({@link ScannerRule}); see docs/clicks.md. */
@ConfigMapping(prefix = "roundup.clicks")
public interface ClicksConfig {

    /** How many GETs of one issue's links from one network, close together, make a scanner's burst. */
    @WithDefault("3")
    int burst();

    /** How close together: a burst's GETs are at most this far from each other. Clicks are held this long before they count. */
    @WithDefault("10s")
    Duration burstWindow();

    /** How long after the latest delivery a burst is taken for a scanner's; later bursts are readers. */
    @WithDefault("60s")
    Duration afterDelivery();
}
