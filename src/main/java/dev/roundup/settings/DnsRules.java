package dev.roundup.settings;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.roundup.settings.DnsCheck.State;

/**
 * The rules for what the TXT records found mean (RFC 7208 SPF, RFC 6376 DKIM, RFC 7489 DMARC): which records are of
 * a kind, whether the published DKIM key is the configured one, and whether the signing domain aligns with From.
 */
final class DnsRules {

    private DnsRules() {
    }

    /** A state and the sentence that says what to do. */
    record Verdict(State state, String note) {
    }

    static List<String> ofKind(List<String> txt, String tag) {
        return txt.stream().filter(t -> t.strip().toLowerCase(Locale.ROOT).startsWith(tag.toLowerCase(Locale.ROOT))).toList();
    }

    static Verdict spf(List<String> records) {
        if (records.isEmpty()) {
            return new Verdict(State.MISSING, "Publish one SPF record naming the servers that send your mail: your relay tells you what to include.");
        }
        if (records.size() > 1) {
            return new Verdict(State.PROBLEM, "There are " + records.size() + " SPF records; receivers treat that as an error. Merge them into one.");
        }
        String spf = records.get(0).toLowerCase(Locale.ROOT);
        if (spf.matches(".*(^|\\s)\\+?all(\\s|$).*")) {
            return new Verdict(State.PROBLEM, "It ends in +all, which lets anyone send as this domain. End it with ~all or -all.");
        }
        return new Verdict(State.PRESENT, "An SPF record is published; check that it includes your relay.");
    }

    static Verdict dkim(List<String> records, String expected, String signingDomain, String fromDomain) {
        if (!aligned(signingDomain, fromDomain)) {
            return new Verdict(State.PROBLEM, "The signing domain " + signingDomain + " is not the From domain " + fromDomain
                    + " or one of its parents, so DMARC will not count the signature. Sign with d=" + fromDomain + ".");
        }
        if (records.isEmpty()) {
            return new Verdict(State.MISSING, "Publish this record: receivers cannot check the signature without it.");
        }
        String key = tag(expected, "p").orElse("");
        boolean same = records.stream().anyMatch(r -> tag(r, "p").filter(key::equals).isPresent());
        return same ? new Verdict(State.MATCHING, "The published key is the one Roundup signs with.")
                : new Verdict(State.PROBLEM, "A different key is published there: mail signed with this key would fail. Publish the record above.");
    }

    static Verdict dmarc(List<String> records) {
        if (records.isEmpty()) {
            return new Verdict(State.MISSING, "Publish a DMARC record; p=none is enough to start, and rua= brings you reports.");
        }
        if (records.size() > 1) {
            return new Verdict(State.PROBLEM, "There are " + records.size() + " DMARC records; receivers ignore them all. Keep one.");
        }
        Optional<String> policy = tag(records.get(0), "p");
        if (policy.isEmpty() || !List.of("none", "quarantine", "reject").contains(policy.get().toLowerCase(Locale.ROOT))) {
            return new Verdict(State.PROBLEM, "The record has no valid policy: add p=none, p=quarantine or p=reject.");
        }
        return new Verdict(State.PRESENT, "A DMARC record with policy p=" + policy.get() + " is published.");
    }

    /** Relaxed alignment, simplified: the same domain, or one is a subdomain of the other. */
    static boolean aligned(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return x.equals(y) || x.endsWith("." + y) || y.endsWith("." + x);
    }

    /** The value of a {@code tag=value;} list's tag, whitespace removed (a key may be folded across strings). */
    static Optional<String> tag(String record, String name) {
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
                return Optional.of(part.substring(eq + 1).replaceAll("\\s", ""));
            }
        }
        return Optional.empty();
    }
}
