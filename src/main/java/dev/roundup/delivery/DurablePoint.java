package dev.roundup.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Makes what was committed survive this process being killed, whatever the JDBC URL says, before the send journal
 * forgets it. A commit on PostgreSQL is the server's, so a killed Roundup loses none. Embedded H2 commits into
 * memory unless its {@code WRITE_DELAY} is 0: the MVStore writes changes to its file when the delay has passed (in
 * a background thread) or when enough have piled up, so a kill loses up to the last half second of commits (H2's
 * default delay). There a {@code CHECKPOINT} writes every committed change to the file at once (not synced: a power
 * cut is another matter, as for the journal itself). It needs the database's admin rights; an H2 database with a
 * write delay whose user lacks them is refused at start, with what to change. The delay is read once, at start.
 * An in-memory H2 needs nothing: it does not outlive the process.
 */
@ApplicationScoped
class DurablePoint {

    private static final Logger LOG = Logger.getLogger(DurablePoint.class);

    @Inject
    Jdbc jdbc;

    private volatile Boolean checkpoint;

    /**
     * Finds out whether commits need a checkpoint to be on disk and, if so, that this user may make one. Throws
     * with what to change when not, which stops the start: sending then could not keep its bound on repeats.
     */
    void check() {
        int writeDelay = writeDelay();
        checkpoint = writeDelay > 0;
        if (!checkpoint) {
            return;
        }
        try {
            reach();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The H2 database keeps commits in memory for up to " + writeDelay + " ms (its WRITE_DELAY), "
                    + "so a killed Roundup would forget what it sent meanwhile and send it again; Roundup then writes them to the file "
                    + "itself (CHECKPOINT), but the database user may not (" + e.getMessage() + "). Connect as the database's admin, "
                    + "best with ;WRITE_DELAY=0 added to ROUNDUP_DB_URL, which saves the checkpoints (setting it takes the admin too).", e);
        }
        LOG.infof("The H2 database delays writing commits by %d ms (WRITE_DELAY): the send journal keeps each group of sent "
                + "marks until a CHECKPOINT has written it to the file. ;WRITE_DELAY=0 in ROUNDUP_DB_URL saves that step.", writeDelay);
    }

    /** Returns once every commit made so far survives a kill of this process. */
    void reach() {
        Boolean needed = checkpoint;
        if (needed == null) {
            needed = writeDelay() > 0;
            checkpoint = needed;
        }
        if (needed) {
            jdbc.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    return st.execute("CHECKPOINT");
                }
            });
        }
    }

    /**
     * H2's write delay in milliseconds; 0 for an in-memory H2 (nothing of it survives a kill anyway) and for any other
     * database. An H2 that does not say is taken to delay: a checkpoint too many costs little, one too few a repeat;
     * refusing to start instead would stop an install that works for want of a setting Roundup can do without.
     */
    private int writeDelay() {
        return jdbc.inTransaction(c -> {
            if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
                return 0;
            }
            try (Statement st = c.createStatement(); ResultSet path = st.executeQuery("select database_path()")) {
                if (path.next() && path.getString(1) == null) {
                    return 0;
                }
            }
            try (PreparedStatement select = c.prepareStatement("select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'");
                    ResultSet row = select.executeQuery()) {
                return row.next() ? Integer.parseInt(row.getString(1).trim()) : 1;
            } catch (SQLException | NumberFormatException e) {
                // e.g. OLD_INFORMATION_SCHEMA=TRUE, where the settings table has other columns
                LOG.warnf("Could not read H2's WRITE_DELAY (%s): taking it that commits are delayed, so a CHECKPOINT follows each group of "
                        + "sent marks", e.getMessage());
                return 1;
            }
        });
    }
}
