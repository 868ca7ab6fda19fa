package dev.roundup.settings;

import java.time.Year;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The newsletter's identity for page templates: {@code inject:site.name}, as set on the Settings page. It lives
 * here rather than in web so that web depends on no feature.
 */
@Named("site")
@ApplicationScoped
public class Site {

    @Inject
    NewsletterSettings settings;

    public String getName() {
        return settings.name();
    }

    public String getTagline() {
        return settings.tagline();
    }

    public int getYear() {
        return Year.now().getValue();
    }
}
