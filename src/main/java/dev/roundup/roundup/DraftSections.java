package dev.roundup.roundup;

/**
 * What a new draft holds: how many items each section includes (0 leaves the section out), how many further
 * candidates stay as suggestions, and the note of the Support section (empty for none).
 */
public record DraftSections(int community, int projects, int jobs, int suggestions, String supportNote) {

    /** The most items a section may include by default, and the most suggestions kept. */
    public static final int MAX_SIZE = 100;
}
