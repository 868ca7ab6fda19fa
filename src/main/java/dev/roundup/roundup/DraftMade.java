package dev.roundup.roundup;

/**
 * The weekly draft was made (and committed): fired asynchronously by {@link Drafts#draftIfDue}, so that whoever tells
 * the editors (the {@code editor} feature's draft mail) works off the tick's thread, and a mail outage cannot undo or
 * delay drafting.
 */
public record DraftMade(long issueId) {
}
