package dev.roundup.publishing;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.jboss.logging.Logger;

import dev.roundup.RoundupConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * The postal address is optional to start, but CAN-SPAM wants one in every mail to US readers: without
 * {@code roundup.newsletter.postal-address} the app says so once at start, and the issue and preview pages show
 * {@link #missing} to the editor ({@code inject:postalAddress.missing} in templates).
 */
@ApplicationScoped
@Named("postalAddress")
public class PostalAddressCheck {

    private static final Logger LOG = Logger.getLogger(PostalAddressCheck.class);

    @Inject
    RoundupConfig roundup;

    void atStart(@Observes StartupEvent start) {
        warning(roundup.postalAddress()).ifPresent(LOG::warn);
    }

    /** The warning to log, when there is no address. */
    static Optional<String> warning(Optional<String> postalAddress) {
        return postalAddress.isPresent() ? Optional.empty() : Optional.of("roundup.newsletter.postal-address "
                + "(ROUNDUP_NEWSLETTER_POSTAL_ADDRESS) is not set: issue mails go out without a postal address, "
                + "which CAN-SPAM requires in mail to US readers.");
    }

    /** True when issue mails go out without a postal address: the editor's pages say so. */
    public boolean missing() {
        return roundup.postalAddress().isEmpty();
    }
}
