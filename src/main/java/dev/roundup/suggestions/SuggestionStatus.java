package dev.roundup.suggestions;

/** Where a suggested link stands: waiting for an editor, accepted (offered to the next drafts), or declined with a reason. */
public enum SuggestionStatus {
    PENDING, ACCEPTED, DECLINED;

    /** The one rule for a decision: a waiting link is accepted or declined once; a decision is not taken back here. */
    public boolean canBecome(SuggestionStatus next) {
        return this == PENDING && next != PENDING;
    }

    public String label() {
        return name().toLowerCase();
    }
}
