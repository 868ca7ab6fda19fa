package dev.roundup.editor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The mail the editors get when the weekly draft is made. */
@ConfigMapping(prefix = "roundup.draft-mail")
public interface DraftMailConfig {

    /** Whether the active editors are mailed when the weekly draft is made. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether the draft's links are checked (the issue page's "Check links", through the guarded fetcher) before the
     * mail goes, so that it names broken ones. Off: the mail goes at once and says no check ran.
     */
    @WithDefault("true")
    boolean linkCheck();
}
