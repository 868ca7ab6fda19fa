package dev.roundup.delivery;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.roundup.RoundupConfig;

/**
 * The journal's files, except that the folder cannot be read until a test says it can again, as when it belongs
 * to another user: a state file modes cannot force on root, who runs the CI. Counts how often it was looked at.
 * Enabled by a test profile ({@code getEnabledAlternatives}).
 */
@Alternative
@Singleton
class TroubledJournal extends JournalFiles {

    private volatile boolean unreadable = true;
    private final AtomicInteger listings = new AtomicInteger();

    @Inject
    TroubledJournal(RoundupConfig roundup, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        super(roundup, jdbcUrl);
    }

    @Override
    public List<String> segments() throws IOException {
        listings.incrementAndGet();
        if (unreadable) {
            throw new java.nio.file.AccessDeniedException(where(), null, "Permission denied");
        }
        return super.segments();
    }

    /** The folder can be read again. */
    void readable() {
        unreadable = false;
    }

    /** How often the segments were listed (each attempt to replay them lists them first). */
    int listings() {
        return listings.get();
    }
}
