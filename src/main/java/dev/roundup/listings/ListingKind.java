package dev.roundup.listings;

import java.util.List;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * The kinds of listing the community sends in. Everything that treats listings alike (submission, moderation, the
 * pages and the API) is written once and asks the kind for what differs: its word, its entity and its public page. A
 * new kind joins here, with its entity (a {@link Listing}) and its form's fields.
 */
public enum ListingKind {
    PROJECT("project", "Projects", Project.class, "/projects"),
    JOB("job", "Jobs", Job.class, "/jobs");

    /** The kind in the newsletter's words, as in URLs ({@code /submit/project}) and mails ("your project"). */
    public final String word;

    /** The heading of its pages ("Projects"). */
    public final String title;

    /** The entity that holds this kind, one table per kind. */
    final Class<? extends Listing> entity;

    /** Where the published listings of this kind are shown. */
    public final String publicPath;

    /** Where editors moderate this kind ("/editor/projects"). */
    public final String editorPath;

    ListingKind(String word, String title, Class<? extends Listing> entity, String publicPath) {
        this.word = word;
        this.title = title;
        this.entity = entity;
        this.publicPath = publicPath;
        this.editorPath = "/editor" + publicPath;
    }

    /** The entity's name in queries. */
    String entityName() {
        return entity.getSimpleName();
    }

    /** The listing of this kind with that id, or null. */
    Listing find(long id) {
        return Panache.getEntityManager(entity).find(entity, id);
    }

    /** Of {@code listings}, those of the entity {@code type}: the one list a page of this kind fills. */
    static <L extends Listing> List<L> only(Class<L> type, List<? extends Listing> listings) {
        return listings.stream().filter(type::isInstance).map(type::cast).toList();
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
