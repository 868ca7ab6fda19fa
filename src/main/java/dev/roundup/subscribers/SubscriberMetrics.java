package dev.roundup.subscribers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sign-ups and confirmations on {@code /q/metrics}: {@code roundup_signups_total{source=...}} counts every sign-up
 * the form or API accepted (the answer is neutral, so a repeat counts too), {@code roundup_confirmations_total}
 * every reader who pressed the confirm button and became confirmed. The only place this feature talks to Micrometer.
 */
@ApplicationScoped
public class SubscriberMetrics {

    @Inject
    MeterRegistry registry;

    void signedUp(String source) {
        registry.counter("roundup.signups", "source", source.length() <= 20 ? source : "other").increment();
    }

    void confirmed() {
        registry.counter("roundup.confirmations").increment();
    }
}
