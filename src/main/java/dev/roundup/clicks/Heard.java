package dev.roundup.clicks;

import java.time.Instant;

/**
 * One GET of a click link, held in memory for a few seconds until {@link ScannerRule} has judged it: the issue, the
 * link, the network it came from (a /24 or /48, never the address) and when. Never written anywhere.
 */
record Heard(long issueId, String link, String network, Instant at) {
}
