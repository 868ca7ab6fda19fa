package dev.roundup.roundup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How each week's draft is made: when, how big each section is, and the words it starts with. */
@ConfigMapping(prefix = "roundup.issues")
public interface IssuesConfig {

    /** When the weekly draft is made (Quartz-style cron, in roundup.timezone); {@code off} disables it. */
    @WithDefault("0 0 6 ? * MON")
    String draftCron();

    /** Posts picked for "From the Community". */
    @WithDefault("10")
    int communitySize();

    @WithDefault("10")
    int projectsSize();

    @WithDefault("10")
    int jobsSize();

    /** Further candidates kept in each section as suggestions, not included. */
    @WithDefault("10")
    int suggestions();

    /** Below how many included items a weekly draft is a quiet week: the editors' mail says so and offers to skip it; 0 never. */
    @WithDefault("3")
    int quietWeek();

    /**
     * The subject line of a new draft. {newsletter}, {number} and {window} are filled in when the issue is rendered,
     * so the number is the one it goes out with.
     */
    @WithDefault("{newsletter} #{number}: {window}")
    String subject();

    /**
     * The intro of a new draft (Markdown). {weekday} (the day it goes out), {window}, {name} and {firstName} (the
     * reader's, or "there") are filled in when rendered.
     */
    @WithDefault("Hey {firstName}, Happy {weekday}!\n\nHere is what the community built, wrote and hired for from {window}.")
    String intro();

    /** The "why you are getting this" footer of a new draft (Markdown). */
    @WithDefault("Why are you getting this: *you signed up to receive this newsletter. If you don't want to receive it, unsubscribe with one click below.*")
    String footer();

    /** The note under the Support section of a new draft; empty for no Support section. */
    @WithDefault("You can support this newsletter by using one of the links below. These are always going to be projects we use and love!")
    String supportNote();
}
