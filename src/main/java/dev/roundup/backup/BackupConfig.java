package dev.roundup.backup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When the nightly backup runs and how many backups {@code <data>/backups} keeps ({@code roundup.backup.*}). */
@ConfigMapping(prefix = "roundup.backup")
public interface BackupConfig {

    /** Quartz-style cron of the nightly online backup (embedded H2 only); {@code off} switches it off. */
    @WithDefault("0 30 3 * * ?")
    String cron();

    /** How many backups to keep: after each new one, the oldest beyond this number are deleted. */
    @WithDefault("14")
    int keep();
}
