package dev.roundup.delivery;

import java.util.Collection;
import java.util.Map;

/**
 * The bounce reported after a delivery, for the delivery log. Implemented by {@code bounces.Bounces}, which owns the
 * bounce reports; declared here so that delivery does not depend on bounces, which reads delivery's tags.
 */
public interface LaterBounces {

    /** The key of one delivery in {@link #latest}'s answer. */
    static String key(long issueId, long subscriberId) {
        return issueId + ":" + subscriberId;
    }

    /**
     * For deliveries of these issues to these readers, the latest bounce of each that has one, in words ("hard
     * 5.1.1"), by {@link #key}; one query.
     */
    Map<String, String> latest(Collection<Long> issueIds, Collection<Long> subscriberIds);
}
