package dev.roundup.settings;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the deliverability tab looks DNS records up. */
@ConfigMapping(prefix = "roundup.dns")
public interface DnsConfig {

    /** A DNS server as {@code host} or {@code host:port}; the system's resolver when unset. */
    Optional<String> server();

    /** How long one lookup may wait for an answer (one try per server; the three records are looked up in turn). */
    @WithDefault("2s")
    Duration timeout();
}
