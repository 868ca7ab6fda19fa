package dev.roundup.enrichment;

/**
 * What Roundup knows about a linked page, for pages and mails: site name, author, reading time, and the path of its
 * thumbnail on Roundup ({@code /thumbnails/{id}}, or null). {@code status} is pending, done or failed, with why.
 */
public record LinkCard(String url, String status, String failure, String siteName, String author, Integer readingMinutes,
        String thumbnailPath) {

    static LinkCard of(Enrichment e) {
        return new LinkCard(e.url, e.status.name().toLowerCase(java.util.Locale.ROOT), e.failure, e.siteName, e.author, e.readingMinutes,
                e.thumbnailId == null ? null : ThumbnailResource.path(e.thumbnailId));
    }

    /** "6 min read", or null when not known. */
    public String readingTime() {
        return readingMinutes == null ? null : readingMinutes + " min read";
    }
}
