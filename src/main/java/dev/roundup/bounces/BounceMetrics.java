package dev.roundup.bounces;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bounces read from the bounce mailbox, by kind, on {@code /q/metrics}:
 * {@code roundup_bounces_total{kind="hard|soft",source="report"}}, and the SMTP server's own refusals while sending,
 * which the send engine counts here as {@code kind="hard",source="smtp"}. The one place the {@code roundup.bounces}
 * meter is defined.
 */
@ApplicationScoped
public class BounceMetrics {

    private MeterRegistry registry;

    @Inject
    public BounceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recorded(DeliveryReport.Kind kind) {
        bounces(kind.name().toLowerCase(Locale.ROOT), "report").increment();
    }

    /** The counter of readers the SMTP server refused for good while an issue went out. */
    public Counter refusedAtSmtp() {
        return bounces("hard", "smtp");
    }

    private Counter bounces(String kind, String source) {
        return Counter.builder("roundup.bounces").tag("kind", kind).tag("source", source)
                .description("Bounces: refused by the SMTP server while sending, or read from the bounce mailbox").register(registry);
    }
}
