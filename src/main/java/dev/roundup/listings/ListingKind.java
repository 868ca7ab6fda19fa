package dev.roundup.listings;

/**
 * The kinds of listing the community sends in. Everything that treats listings alike (submission, moderation, the
 * pages and the API) is written once and asks the kind for what differs: its word, its entity and its public page. A
 * new kind joins here, with its entity (a {@link Listing}) and its form's fields.
 */
public enum ListingKind {
    PROJECT("project", Project.class, "/projects"),
    JOB("job", Job.class, "/jobs");

    /** The kind in the newsletter's words, as in URLs ({@code /submit/project}) and mails ("your project"). */
    public final String word;

    /** The entity that holds this kind, one table per kind. */
    final Class<? extends Listing> entity;

    /** Where the published listings of this kind are shown. */
    public final String publicPath;

    ListingKind(String word, Class<? extends Listing> entity, String publicPath) {
        this.word = word;
        this.entity = entity;
        this.publicPath = publicPath;
    }

    /** The entity's name in queries. */
    String entityName() {
        return entity.getSimpleName();
    }

    /** The kind a word names, or null. */
    static ListingKind of(String word) {
        for (ListingKind k : values()) {
            if (k.word.equals(word)) {
                return k;
            }
        }
        return null;
    }
}
