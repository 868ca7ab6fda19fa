package dev.roundup;

import java.time.ZoneId;

/**
 * What a feature's pages and mails say about the newsletter itself: its name and the time zone its days are told in,
 * as the admin set them. Implemented by {@code settings.NewsletterSettings}; declared here, below the features, so
 * that feeds and listings need not import settings, which sits above roundup (it holds the draft schedule's setting).
 */
public interface Newsletter {

    /** The newsletter's name. */
    String name();

    /** The zone in which its days and times are shown. */
    ZoneId zone();
}
