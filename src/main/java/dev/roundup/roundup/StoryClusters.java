package dev.roundup.roundup;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;

import dev.roundup.feeds.CanonicalUrl;

/**
 * The one rule for when two posts tell the same story (issue #20, "stories told once"), and the clusters it makes of
 * a window's posts. Two posts are the same story when their titles are near-duplicates (at least 60 % of the longer
 * title's meaningful words, lowercase and without punctuation or stopwords, are in the other; titles of fewer than
 * three meaningful words, or whose numbers differ, never match), when both link to the same outside page, or when
 * one links to the other. Posts carried by several feeds under one address are one post already ({@code PostStore}).
 * <p>
 * A cluster is not transitive: the earliest post stands for it and a later post joins it only when it is the same
 * story as that first post, so a chain of look-alikes ("5.1 released", "5.1 released: notes", "notes on 5.2") never
 * grows into one story.
 */
public final class StoryClusters {

    /** The share of the longer title's meaningful words the other must hold. */
    static final double OVERLAP = 0.6;

    /** Titles with fewer meaningful words say too little to match on. */
    static final int MIN_WORDS = 3;

    /**
     * Hosts whose links say nothing about the story: share buttons, comment sites, licences, feed services. A link
     * to a site's front page says nothing either, wherever it is.
     */
    static final Set<String> NOISE_HOSTS = Set.of("twitter.com", "x.com", "t.co", "facebook.com", "linkedin.com", "reddit.com",
            "news.ycombinator.com", "lobste.rs", "mastodon.social", "bsky.app", "instagram.com", "pinterest.com",
            "creativecommons.org", "feedburner.com", "feeds.feedburner.com", "gravatar.com", "wordpress.com", "medium.com",
            "substack.com", "buymeacoffee.com", "patreon.com", "ko-fi.com", "paypal.com", "google.com", "wikipedia.org",
            "web.archive.org", "archive.org");

    private static final Set<String> STOPWORDS = Set.of("a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for",
            "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those",
            "how", "what", "why", "when", "who", "which", "we", "you", "your", "our", "i", "my", "me", "us", "they", "their",
            "about", "into", "over", "up", "out", "new", "now", "vs", "via", "not", "no", "do", "does", "can", "will", "just",
            "all", "more", "than", "so", "if", "here", "there", "has", "have", "had");

    /** A word, or a number such as 5.1 or 3.12.0 kept whole. */
    private static final Pattern WORD = Pattern.compile("\\d+(?:\\.\\d+)*|[\\p{L}\\p{N}]+");

    private StoryClusters() {
    }

    /** A post as the rule sees it: {@code html} is its sanitized content (links absolute), {@code sources} how many feeds carried it. */
    public record Candidate(long id, String title, String url, String html, Instant publishedAt, int sources) {
    }

    /** One story: the earliest post stands for it, {@code others} (earliest first) also covered it. */
    public record Cluster(Candidate lead, List<Candidate> others) {

        /** How many feeds carry the story: every post's feeds. */
        public int sources() {
            return lead.sources() + others.stream().mapToInt(Candidate::sources).sum();
        }

        /** When the story was last told, for ranking stories carried as widely. */
        Instant newest() {
            return others.isEmpty() ? lead.publishedAt() : others.get(others.size() - 1).publishedAt();
        }
    }

    /** The stories among {@code posts}, best first: carried by more feeds first, then told most recently. */
    public static List<Cluster> of(List<Candidate> posts) {
        List<Story> stories = posts.stream().map(Story::new)
                .sorted(Comparator.comparing((Story s) -> s.post.publishedAt()).thenComparingLong(s -> s.post.id())).toList();
        List<List<Story>> clusters = new ArrayList<>();
        for (Story s : stories) {
            clusters.stream().filter(c -> same(c.get(0), s)).findFirst().ifPresentOrElse(c -> c.add(s), () -> {
                List<Story> c = new ArrayList<>();
                c.add(s);
                clusters.add(c);
            });
        }
        return clusters.stream().map(c -> new Cluster(c.get(0).post, c.subList(1, c.size()).stream().map(s -> s.post).toList()))
                .sorted(Comparator.comparingInt(Cluster::sources).reversed().thenComparing(Cluster::newest, Comparator.reverseOrder())
                        .thenComparing(c -> c.lead().id(), Comparator.reverseOrder()))
                .toList();
    }

    /** Whether two posts tell the same story, by the rule above. */
    public static boolean same(Candidate a, Candidate b) {
        return same(new Story(a), new Story(b));
    }

    private static boolean same(Story a, Story b) {
        return titlesMatch(a.words, b.words) || a.links.stream().anyMatch(b.links::contains)
                || a.links.contains(b.url) || b.links.contains(a.url);
    }

    /** Whether two titles' meaningful words are near-duplicates. */
    static boolean titlesMatch(Set<String> a, Set<String> b) {
        if (a.size() < MIN_WORDS || b.size() < MIN_WORDS || !numbers(a).equals(numbers(b))) {
            return false;
        }
        long shared = a.stream().filter(b::contains).count();
        return shared >= OVERLAP * Math.max(a.size(), b.size());
    }

    /** A title's meaningful words: lowercase, without punctuation and stopwords. */
    static Set<String> words(String title) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(title == null ? "" : title.toLowerCase(Locale.ROOT).replace("'s ", " ").replace("’s ", " "));
        while (m.find()) {
            if (!STOPWORDS.contains(m.group())) {
                words.add(m.group());
            }
        }
        return words;
    }

    private static Set<String> numbers(Set<String> words) {
        Set<String> numbers = new HashSet<>();
        words.stream().filter(w -> w.chars().anyMatch(Character::isDigit)).forEach(numbers::add);
        return numbers;
    }

    /**
     * The outside pages a post links to, canonical: not its own site's pages, no site's front page, no noise host
     * (nor one under it: {@code www.reddit.com}).
     */
    static Set<String> links(Candidate post) {
        Set<String> links = new HashSet<>();
        if (post.html() == null || post.html().isBlank()) {
            return links;
        }
        String own = host(post.url());
        for (var a : Jsoup.parseBodyFragment(post.html()).select("a[href]")) {
            String url = CanonicalUrl.of(a.attr("href"));
            String host = host(url);
            if (host != null && !host.equals(own) && !noise(host) && !frontPage(url)) {
                links.add(url);
            }
        }
        return links;
    }

    private static boolean noise(String host) {
        return NOISE_HOSTS.stream().anyMatch(n -> host.equals(n) || host.endsWith("." + n));
    }

    private static boolean frontPage(String url) {
        URI u = URI.create(url);
        return (u.getRawPath() == null || u.getRawPath().equals("/") || u.getRawPath().isEmpty()) && u.getRawQuery() == null;
    }

    /** The host without {@code www.}, or null for what is no http(s) address. */
    private static String host(String url) {
        try {
            URI u = new URI(url);
            if (u.getHost() == null || u.getScheme() == null || !u.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
                return null;
            }
            String h = u.getHost().toLowerCase(Locale.ROOT);
            return h.startsWith("www.") ? h.substring(4) : h;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A candidate with what the rule compares read once. */
    private static final class Story {
        final Candidate post;
        final Set<String> words;
        final Set<String> links;
        final String url;

        Story(Candidate post) {
            this.post = post;
            this.words = words(post.title());
            this.links = links(post);
            this.url = CanonicalUrl.of(post.url());
        }
    }
}
