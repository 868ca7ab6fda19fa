package dev.roundup.feeds;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.Newsletter;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;

/** The river: recent posts, newest first, grouped by day in the newsletter's time zone, like a Planet page. */
@ApplicationScoped
public class River {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mma", Locale.ENGLISH);

    @Inject
    FeedsConfig config;

    @Inject
    Newsletter newsletter;

    /** One day of the river. */
    public record Day(String label, List<Item> posts) {
    }

    /** A post as the river shows it. */
    public record Item(Post post, String time, Long feedId) {
    }

    /** A page of the river: its days, and whether there is a page after it. */
    public record RiverPage(List<Day> days, int page, boolean hasNext, Long feedId, String feedName) {
    }

    public RiverPage page(int page, Long feedId) {
        int p = Math.max(1, page);
        Instant since = Instant.now().minus(java.time.Duration.ofDays(config.riverDays()));
        PanacheQuery<Post> query = recent(since, null, feedId).page(Page.of(p - 1, config.riverPageSize()));
        List<Post> posts = query.list();
        boolean hasNext = query.hasNextPage();
        ZoneId zone = newsletter.zone();
        Map<Long, Long> feedOf = firstFeeds(posts);
        Map<LocalDate, List<Item>> byDay = new LinkedHashMap<>();
        for (Post post : posts) {
            LocalDate day = post.publishedAt.atZone(zone).toLocalDate();
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(new Item(post,
                    TIME.format(post.publishedAt.atZone(zone)).toLowerCase(Locale.ENGLISH) + " " + zone.getId(), feedOf.get(post.id)));
        }
        List<Day> days = byDay.entrySet().stream().map(e -> new Day(DAY.format(e.getKey()), e.getValue())).toList();
        String feedName = feedId == null ? null : Feed.<Feed>findByIdOptional(feedId).map(Feed::displayName).orElse(null);
        return new RiverPage(days, p, hasNext, feedId, feedName);
    }

    /** For each post, the first feed that still carries it, in one query. */
    private static Map<Long, Long> firstFeeds(List<Post> posts) {
        if (posts.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> result = new java.util.HashMap<>();
        Post.getEntityManager().createQuery("select s.post.id, min(s.feed.id) from PostSource s where s.post in ?1 "
                + "and s.feed is not null group by s.post.id", Object[].class).setParameter(1, posts).getResultList()
                .forEach(row -> result.put((Long) row[0], (Long) row[1]));
        return result;
    }

    /** Posts published in [from, to), newest first, optionally only those a given feed carried. */
    public PanacheQuery<Post> recent(Instant from, Instant to, Long feedId) {
        StringBuilder q = new StringBuilder("publishedAt >= :from");
        Parameters params = Parameters.with("from", from);
        if (to != null) {
            q.append(" and publishedAt < :to");
            params.and("to", to);
        }
        if (feedId != null) {
            q.append(" and id in (select s.post.id from PostSource s where s.feed.id = :feed)");
            params.and("feed", feedId);
        }
        return Post.find(q + " order by publishedAt desc, id desc", params);
    }
}
