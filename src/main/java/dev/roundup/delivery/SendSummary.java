package dev.roundup.delivery;

/**
 * A send's progress in the editor's words, the one line the issue page shows under its bar and the API gives as
 * {@code summary}: "120 of 500 sent · 14.2 per second · about 27 s left"
 * (the state is the page's heading and the API's {@code state}).
 */
final class SendSummary {

    private SendSummary() {
    }

    static String of(SendState state, String reason, int total, long sent, long failed, long skipped, SendRate rate, Long eta) {
        StringBuilder words = new StringBuilder().append(sent).append(" of ").append(total).append(" sent");
        if (failed > 0) {
            words.append(" · ").append(failed).append(" failed");
        }
        if (skipped > 0) {
            words.append(" · ").append(skipped).append(" skipped (left meanwhile)");
        }
        if (state == SendState.RUNNING) {
            words.append(eta == null ? " · measuring the rate…"
                    : String.format(java.util.Locale.ROOT, " · %.1f per second · about %s left", rate.perSecond(), duration(eta)));
        }
        if (reason != null && state != SendState.DONE) {
            words.append(" · ").append(reason);
        }
        return words.toString();
    }

    /** Seconds as the editor reads them: "40 s", "3 min 5 s", "2 h 10 min". */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }
}
