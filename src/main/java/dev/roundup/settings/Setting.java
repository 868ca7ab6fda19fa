package dev.roundup.settings;

/**
 * One setting of the newsletter an admin can change without a restart: its name in the form, the API and the
 * {@code newsletter_setting} table, what the page calls it, and what kind of value it holds.
 */
public enum Setting {
    NAME("name", "Newsletter name", Kind.LINE, 100),
    TAGLINE("tagline", "Tagline", Kind.LINE, 200),
    FROM("from", "From address", Kind.ADDRESS, 254),
    FROM_NAME("fromName", "From name", Kind.LINE, 100),
    REPLY_TO("replyTo", "Reply-To address", Kind.ADDRESS, 254),
    POSTAL_ADDRESS("postalAddress", "Postal address for the footer", Kind.LINE, 300),
    INTRO("intro", "Default intro", Kind.TEXT, 5000),
    FOOTER("footer", "Default footer", Kind.TEXT, 5000),
    SUPPORT_NOTE("supportNote", "Support section's note", Kind.TEXT, 2000),
    COMMUNITY_SIZE("communitySize", "From the Community: posts", Kind.SIZE, 0),
    PROJECTS_SIZE("projectsSize", "Projects", Kind.SIZE, 0),
    JOBS_SIZE("jobsSize", "Jobs", Kind.SIZE, 0),
    SUGGESTIONS("suggestions", "Suggestions kept per section", Kind.SIZE, 0),
    QUIET_WEEK("quietWeek", "Fewest items for a week worth sending", Kind.SIZE, 0),
    DRAFT_DAY("draftDay", "Weekly draft's day", Kind.DAY, 9),
    DRAFT_TIME("draftTime", "Weekly draft's time", Kind.TIME, 5),
    TIME_ZONE("timeZone", "Time zone", Kind.ZONE, 64),
    CLICK_COUNTS("clickCounts", "Click counts", Kind.SWITCH, 3);

    /** What a value may be; {@link SettingRules} holds the rule of each. */
    enum Kind {
        LINE, ADDRESS, TEXT, SIZE, DAY, TIME, ZONE, SWITCH
    }

    final String key;
    final String label;
    final Kind kind;
    final int maxLength;

    Setting(String key, String label, Kind kind, int maxLength) {
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.maxLength = maxLength;
    }

    /** The name in the form, the API and the table. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }
}
