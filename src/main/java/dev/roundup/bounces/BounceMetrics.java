package dev.roundup.bounces;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

import dev.roundup.delivery.SendMetrics;

/**
 * Bounces read from the bounce mailbox, by kind, on {@code /q/metrics}:
 * {@code roundup_bounces_total{kind="hard|soft",source="report"}}, on the meter the send engine defines
 * ({@link SendMetrics#bounces}) and counts the SMTP server's own refusals on as {@code kind="hard",source="smtp"}.
 */
@ApplicationScoped
public class BounceMetrics {

    private MeterRegistry registry;

    @Inject
    public BounceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recorded(DeliveryReport.Kind kind) {
        SendMetrics.bounces(registry, kind.name().toLowerCase(Locale.ROOT), "report").increment();
    }
}
