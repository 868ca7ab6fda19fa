package dev.roundup.roundup;

import java.time.ZoneId;

/**
 * What the newsletter's settings say about its issues, asked each time they are needed so that a change applies to
 * the next draft without a restart. Implemented by {@code settings.NewsletterSettings}, which falls back to
 * {@link IssuesConfig} and {@code RoundupConfig}; roundup declares it so that it does not depend on settings.
 */
public interface IssueDefaults {

    /** The newsletter's name, in the title of a new draft. */
    String name();

    /** The intro of a new draft (Markdown). */
    String defaultIntro();

    /** The footer of a new draft (Markdown). */
    String defaultFooter();

    DraftSections sections();

    DraftSchedule draftSchedule();

    /** Below how many included items a new weekly draft is a quiet week, which the editors may skip; 0 for never. */
    int quietWeek();

    /** The newsletter's time zone: its week, its days, its shown times. */
    ZoneId zone();
}
