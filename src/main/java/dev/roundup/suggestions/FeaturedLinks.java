package dev.roundup.suggestions;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which sent issues already featured a link, for the queue's "already featured in #12". Implemented by
 * {@code roundup.SentLinks}; declared here so that suggestions, which feed the drafts, do not depend on roundup.
 */
public interface FeaturedLinks {

    /** For each of these canonical URLs that a sent (or sending) issue included, that issue's numbers in order. */
    Map<String, List<Integer>> issuesFeaturing(Collection<String> canonicalUrls);
}
