package dev.roundup.subscribers;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sign-ups and confirmations on {@code /q/metrics}: {@code roundup_signups_total{source=form|api|other}} counts
 * every sign-up the form or API accepted (a {@link Source} of a fixed few, so a caller's text never makes a series) (the answer is neutral, so a repeat counts too), {@code roundup_confirmations_total}
 * every reader who pressed the confirm button and became confirmed. The only place this feature talks to Micrometer.
 */
@ApplicationScoped
public class SubscriberMetrics {

    @Inject
    MeterRegistry registry;

    /** Where sign-ups come from, as the {@code source} tag says it: a fixed few. */
    enum Source {
        FORM, API, OTHER;

        static Source of(String consentSource) {
            for (Source s : values()) {
                if (s.tag().equals(consentSource)) {
                    return s;
                }
            }
            return OTHER;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    void signedUp(String source) {
        registry.counter("roundup.signups", "source", Source.of(source).tag()).increment();
    }

    void confirmed() {
        registry.counter("roundup.confirmations").increment();
    }
}
