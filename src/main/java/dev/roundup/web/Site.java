package dev.roundup.web;

import java.time.Year;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import dev.roundup.RoundupConfig;

/** The newsletter's identity for page templates: {@code inject:site.name}. */
@Named("site")
@ApplicationScoped
public class Site {

    @Inject
    RoundupConfig config;

    public String getName() {
        return config.name();
    }

    public String getTagline() {
        return config.tagline();
    }

    public int getYear() {
        return Year.now().getValue();
    }
}
