package dev.roundup.subscribers;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sign-up, confirmation and the limits that keep the list from being bombed. */
@ConfigMapping(prefix = "roundup.subscribers")
public interface SubscribersConfig {

    /** How long a confirmation link works. */
    @WithDefault("7d")
    Duration confirmLinkValidity();

    /** Most confirmation mails one address gets in 24 hours. */
    @WithDefault("3")
    int confirmationMailsPerDay();

    /** Most sign-ups one IP address may make in an hour. */
    @WithDefault("20")
    int signupsPerIpPerHour();

    /** Whether the sign-up's IP address is kept as part of the consent record. */
    @WithDefault("true")
    boolean recordIp();

    /** How often queued confirmation mails (sign-ups, imports) are sent, a hundred at a time. */
    @WithDefault("5s")
    String confirmationQueueEvery();

    /** Soft bounces in a row after which an address is treated as bounced. */
    @WithDefault("3")
    int softBounceLimit();
}
