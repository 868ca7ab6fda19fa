package dev.roundup.settings;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One DNS record the deliverability tab asks the operator to publish, and what DNS holds there now.
 *
 * @param kind SPF, DKIM or DMARC
 * @param name where to publish it
 * @param publish the TXT value to publish (for SPF and DMARC a suggestion)
 * @param why what it is for, in a sentence
 * @param state what the lookup found
 * @param found the TXT values found at {@code name} that are of this kind
 * @param note what to do about it, in a sentence
 */
public record DnsCheck(String kind, String name, String publish, String why, State state, List<String> found, String note) {

    /** What a lookup found, as the page shows it. */
    @Schema(name = "DnsState")
    public enum State {
        MATCHING("matches"), PRESENT("present"), MISSING("missing"), PROBLEM("needs a fix"), NOT_CONFIGURED("not configured"),
        UNKNOWN("could not look up");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The CSS class of its badge: ok, bad or neutral. */
        public String tone() {
            return switch (this) {
                case MATCHING, PRESENT -> "ok";
                case MISSING, PROBLEM -> "bad";
                case NOT_CONFIGURED, UNKNOWN -> "neutral";
            };
        }
    }
}
