package dev.roundup.roundup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.roundup.suggestions.FeaturedLinks;

/**
 * Which sending or sent issues included a link, by its address as the item holds it (posts' and suggestions' items
 * hold the canonical URL): the suggestion queue's "already featured in #12". Read in the caller's transaction.
 */
@ApplicationScoped
public class SentLinks implements FeaturedLinks {

    @Override
    public Map<String, List<Integer>> issuesFeaturing(Collection<String> canonicalUrls) {
        Map<String, List<Integer>> out = new HashMap<>();
        if (canonicalUrls.isEmpty()) {
            return out;
        }
        Issue.getEntityManager().createQuery("select distinct i.url, i.section.issue.number from Item i where i.included = true "
                + "and i.url in ?1 and i.section.issue.status in ?2 and i.section.issue.number is not null "
                + "order by i.section.issue.number", Object[].class)
                .setParameter(1, canonicalUrls).setParameter(2, List.of(IssueStatus.SENDING, IssueStatus.SENT)).getResultList()
                .forEach(r -> out.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((Integer) r[1]));
        return out;
    }
}
