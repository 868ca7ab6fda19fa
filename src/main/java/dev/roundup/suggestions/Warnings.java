package dev.roundup.suggestions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.roundup.feeds.Post;

/**
 * What an editor should know before accepting a suggestion: the link is already in the river (a post with its
 * canonical URL), already featured in a sent issue, or suggested by someone else too. Read for a page of the queue in
 * three queries, in the caller's transaction.
 */
final class Warnings {

    private Warnings() {
    }

    /** The warnings of each suggestion by its id, in the editor's words; an empty list when there is nothing to say. */
    static Map<Long, List<String>> of(Collection<Suggestion> suggestions, FeaturedLinks featured) {
        Map<Long, List<String>> out = new HashMap<>();
        if (suggestions.isEmpty()) {
            return out;
        }
        List<String> hashes = suggestions.stream().map(s -> s.canonicalHash).distinct().toList();
        Map<String, Post> inRiver = Post.findByCanonicalHashes(hashes).stream()
                .collect(Collectors.toMap(p -> p.canonicalHash, p -> p, (a, b) -> a));
        Map<String, List<Integer>> issues = featured.issuesFeaturing(suggestions.stream().map(s -> s.canonicalUrl).distinct().toList());
        Map<String, List<Suggestion>> byHash = Suggestion.<Suggestion>list("canonicalHash in ?1 order by submittedAt, id", hashes)
                .stream().collect(Collectors.groupingBy(s -> s.canonicalHash));
        for (Suggestion s : suggestions) {
            List<String> warnings = new ArrayList<>();
            Post post = inRiver.get(s.canonicalHash);
            if (post != null) {
                warnings.add("Already in the river: “" + post.title + "”" + (post.blogName == null ? "" : " from " + post.blogName) + ".");
            }
            List<Integer> numbers = issues.getOrDefault(s.canonicalUrl, List.of());
            if (!numbers.isEmpty()) {
                warnings.add("Already featured in " + numbers.stream().map(n -> "#" + n).collect(Collectors.joining(", ")) + ".");
            }
            List<Suggestion> others = byHash.getOrDefault(s.canonicalHash, List.of()).stream().filter(o -> !o.id.equals(s.id)).toList();
            if (!others.isEmpty()) {
                warnings.add("Also suggested " + (others.size() == 1 ? "once more" : others.size() + " more times") + " ("
                        + others.stream().map(o -> o.status.label()).distinct().collect(Collectors.joining(", ")) + ").");
            }
            out.put(s.id, warnings);
        }
        return out;
    }
}
