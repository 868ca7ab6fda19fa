package dev.roundup.feeds;

import java.time.Duration;

/**
 * What a server answered to a fetch: the status, where it ended up after redirects, whether a permanent redirect
 * moved the feed, the validators for the next conditional GET, and the body (empty unless 200).
 */
public record Fetched(int status, String finalUrl, String movedPermanentlyTo, String etag, String lastModified,
        String contentType, byte[] body, Duration retryAfter) {

    public boolean notModified() {
        return status == 304;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
