package dev.roundup.bounces;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bounces read from the bounce mailbox, by kind, on {@code /q/metrics}:
 * {@code roundup_bounces_total{kind="hard|soft",source="report"}} (the send engine counts the SMTP server's own
 * refusals as {@code source="smtp"}). The only place the bounces feature talks to Micrometer.
 */
@ApplicationScoped
public class BounceMetrics {

    @Inject
    MeterRegistry registry;

    void recorded(DeliveryReport.Kind kind) {
        registry.counter("roundup.bounces", "kind", kind.name().toLowerCase(Locale.ROOT), "source", "report").increment();
    }
}
