package dev.roundup.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * However the refusals look, one send hard-bounces at most a small share of its list without a human: the larger of
 * {@code roundup.send.bounce-cap-percent} of its recipients and {@code roundup.send.bounce-cap-minimum} (see
 * {@link RelayHealth#bounceCap}). Each hard bounce takes one place with a conditional update of the send's row, so
 * instances sharing a send keep to one cap; when none is left the send pauses, and resuming it allows one cap more.
 */
@ApplicationScoped
public class BounceCap {

    @Inject
    Jdbc jdbc;

    @Inject
    SendConfig config;

    /** The cap of a send of this many recipients. */
    public int of(int recipients) {
        return RelayHealth.bounceCap(recipients, config.bounceCapPercent(), config.bounceCapMinimum());
    }

    /** Takes a place for one more hard bounce; false when the send has used them all. */
    boolean take(long issueId) {
        String total = jdbc.text("select total from issue_send where issue_id = ?", issueId);
        int cap = of(total == null ? 0 : Integer.parseInt(total));
        return jdbc.execute("update issue_send set hard_bounces = hard_bounces + 1 where issue_id = ? "
                + "and hard_bounces < coalesce(bounce_allowance, ?)", issueId, cap) == 1;
    }

    /** How many readers the send has hard-bounced. */
    int used(long issueId) {
        String n = jdbc.text("select hard_bounces from issue_send where issue_id = ?", issueId);
        return n == null ? 0 : Integer.parseInt(n);
    }

    /** An editor resumed a send that had used its cap: they allow one cap more. */
    void extendIfUsedUp(long issueId) {
        String total = jdbc.text("select total from issue_send where issue_id = ?", issueId);
        int cap = of(total == null ? 0 : Integer.parseInt(total));
        jdbc.execute("update issue_send set bounce_allowance = hard_bounces + ? where issue_id = ? "
                + "and hard_bounces >= coalesce(bounce_allowance, ?)", cap, issueId, cap);
    }
}
