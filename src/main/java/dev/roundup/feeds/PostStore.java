package dev.roundup.feeds;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.roundup.web.SafeHtml;

/**
 * Stores a feed's entries as posts, once: an entry the feed already delivered (same guid, else link, else title
 * and content) is skipped; an entry whose canonical URL another feed already delivered becomes a second source of
 * that post. Runs inside the caller's transaction; a few queries per feed, whatever its size.
 */
@ApplicationScoped
public class PostStore {

    static final int EXCERPT_WORDS = 60;
    static final int MAX_CONTENT = 200_000;

    /** Stores the entries and returns how many posts are new to Roundup. */
    public int store(Feed feed, List<FeedParser.Entry> entries, Instant now) {
        Map<String, FeedParser.Entry> byKey = new LinkedHashMap<>();
        for (FeedParser.Entry e : entries) {
            byKey.putIfAbsent(entryKey(e), e);
        }
        Set<String> known = new HashSet<>(PostSource.knownKeys(feed, byKey.keySet()));
        byKey.keySet().removeAll(known);
        if (byKey.isEmpty()) {
            return 0;
        }
        Map<String, String> canonicalByKey = new HashMap<>();
        Set<String> hashes = new HashSet<>();
        for (Map.Entry<String, FeedParser.Entry> e : byKey.entrySet()) {
            String hash = CanonicalUrl.sha256(CanonicalUrl.of(e.getValue().link()));
            canonicalByKey.put(e.getKey(), hash);
            hashes.add(hash);
        }
        Map<String, Post> posts = new HashMap<>();
        for (Post p : Post.findByCanonicalHashes(hashes)) {
            posts.put(p.canonicalHash, p);
        }
        int created = 0;
        Set<String> createdHere = new HashSet<>();
        for (Map.Entry<String, FeedParser.Entry> e : byKey.entrySet()) {
            String hash = canonicalByKey.get(e.getKey());
            Post post = posts.get(hash);
            if (post == null) {
                post = newPost(feed, e.getValue(), hash, now);
                posts.put(hash, post);
                createdHere.add(hash);
                created++;
            } else if (!createdHere.contains(hash)) {
                post.sourceCount++;
            }
            PostSource source = new PostSource();
            source.post = post;
            source.feed = feed;
            source.entryKey = e.getKey();
            source.firstSeenAt = now;
            source.persist();
        }
        return created;
    }

    private static Post newPost(Feed feed, FeedParser.Entry e, String hash, Instant now) {
        Post post = new Post();
        post.canonicalUrl = CanonicalUrl.of(e.link());
        post.canonicalHash = hash;
        post.blogName = feed.displayName().length() > 300 ? feed.displayName().substring(0, 300) : feed.displayName();
        post.title = e.title();
        post.author = e.author();
        // a date in the future is a feed's mistake (or a trick to stay on top): clamp it to now
        post.publishedAt = e.published() == null || e.published().isAfter(now) ? now : e.published();
        post.firstSeenAt = now;
        String content = e.contentHtml();
        if (content.length() > MAX_CONTENT) {
            content = SafeHtml.clean(content.substring(0, MAX_CONTENT - 1000), null);
        }
        post.contentHtml = content;
        post.excerpt = new SafeHtml.Cleaned(content, e.contentText()).excerpt(EXCERPT_WORDS);
        if (post.excerpt.length() > 2000) {
            post.excerpt = post.excerpt.substring(0, 1999) + "…";
        }
        post.sourceCount = 1;
        post.persist();
        return post;
    }

    /** What identifies an entry within its feed: the guid, else the link, else title and content. */
    static String entryKey(FeedParser.Entry e) {
        if (e.guid() != null) {
            return CanonicalUrl.sha256("guid:" + e.guid());
        }
        if (e.link() != null) {
            return CanonicalUrl.sha256("link:" + e.link());
        }
        return CanonicalUrl.sha256("content:" + e.title() + "\n" + e.contentHtml());
    }
}
