package dev.roundup.settings;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.roundup.Newsletter;
import dev.roundup.RoundupConfig;
import dev.roundup.mail.MailConfig;
import dev.roundup.mail.SenderIdentity;
import dev.roundup.roundup.DraftSchedule;
import dev.roundup.roundup.DraftSections;
import dev.roundup.roundup.IssueDefaults;
import dev.roundup.roundup.IssuesConfig;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;

/**
 * The one accessor for the newsletter's settings: what an admin set on {@code /editor/settings}, else today's
 * configuration keys ({@code roundup.name}, {@code roundup.tagline}, {@code roundup.timezone}, {@code roundup.mail.*},
 * {@code roundup.issues.*}). Read through a cache of {@link #FRESH_FOR}, so a change made on another instance sharing
 * the database applies within seconds, and one made here at once.
 */
@ApplicationScoped
public class NewsletterSettings implements Newsletter, SenderIdentity, IssueDefaults {

    private static final Logger LOG = Logger.getLogger(NewsletterSettings.class);

    /** How long values read from the database are used before they are read again. */
    static final Duration FRESH_FOR = Duration.ofSeconds(2);

    /** The time of a weekly draft whose day is set here while {@code draft-cron} is off. */
    private static final LocalTime DEFAULT_TIME = LocalTime.of(6, 0);

    @Inject
    SettingsStore store;

    @Inject
    RoundupConfig roundup;

    @Inject
    MailConfig mail;

    @Inject
    IssuesConfig issues;

    private volatile Snapshot snapshot;

    private record Snapshot(Map<Setting, String> values, long readAt) {
        boolean fresh(long now) {
            return now - readAt < FRESH_FOR.toNanos();
        }
    }

    /** Read once at start, so that even the first page rendered on an I/O thread has values. */
    void load(@Observes StartupEvent start) {
        snapshot = new Snapshot(store.read(), System.nanoTime());
    }

    @Override
    public String name() {
        return value(Setting.NAME).orElse(roundup.name());
    }

    public String tagline() {
        return value(Setting.TAGLINE).orElse(roundup.tagline());
    }

    @Override
    public String from() {
        return value(Setting.FROM).orElse(mail.from());
    }

    /** The From name: set here, else {@code roundup.mail.from-name}, else the newsletter's name. */
    @Override
    public String fromName() {
        return value(Setting.FROM_NAME).or(mail::fromName).orElseGet(this::name);
    }

    @Override
    public Optional<String> replyTo() {
        return value(Setting.REPLY_TO);
    }

    /** The postal address for the mail footer: set here, else {@code roundup.newsletter.postal-address}; empty when neither is. */
    @Override
    public Optional<String> postalAddress() {
        return value(Setting.POSTAL_ADDRESS).or(roundup::postalAddress);
    }

    @Override
    public String defaultIntro() {
        return value(Setting.INTRO).orElse(issues.intro());
    }

    @Override
    public String defaultFooter() {
        return value(Setting.FOOTER).orElse(issues.footer());
    }

    @Override
    public DraftSections sections() {
        return new DraftSections(size(Setting.COMMUNITY_SIZE, issues.communitySize()), size(Setting.PROJECTS_SIZE, issues.projectsSize()),
                size(Setting.JOBS_SIZE, issues.jobsSize()), size(Setting.SUGGESTIONS, issues.suggestions()),
                value(Setting.SUPPORT_NOTE).orElse(issues.supportNote()));
    }

    /** Below how many included items a weekly draft is a quiet week (the editors' mail offers to skip it); 0 never. */
    @Override
    public int quietWeek() {
        return size(Setting.QUIET_WEEK, issues.quietWeek());
    }

    /** The weekly draft's day and time: set here (a day of {@code off} turns it off), else {@code roundup.issues.draft-cron}. */
    @Override
    public DraftSchedule draftSchedule() {
        DraftSchedule configured = DraftSchedule.fromCron(issues.draftCron());
        Optional<String> day = value(Setting.DRAFT_DAY);
        Optional<String> time = value(Setting.DRAFT_TIME);
        if (day.filter("off"::equals).isPresent() || configured.off() && day.isEmpty()) {
            return DraftSchedule.OFF;
        }
        return new DraftSchedule(day.map(DayOfWeek::valueOf).orElseGet(configured::day),
                time.map(LocalTime::parse).orElse(configured.off() ? DEFAULT_TIME : configured.time()));
    }

    @Override
    public ZoneId zone() {
        return value(Setting.TIME_ZONE).map(ZoneId::of).orElse(roundup.timezone());
    }

    /**
     * Whether the links of an issue sent from now on go through the counting redirect ({@code clicks}); off unless an
     * admin switched it on.
     */
    public boolean clickCounts() {
        return value(Setting.CLICK_COUNTS).filter("on"::equals).isPresent();
    }

    /** What each setting is in force now, by its key, as the page and the API show it. */
    Map<String, String> inForce() {
        Map<String, String> m = new LinkedHashMap<>();
        DraftSections sizes = sections();
        DraftSchedule schedule = draftSchedule();
        m.put(Setting.NAME.key, name());
        m.put(Setting.TAGLINE.key, tagline());
        m.put(Setting.FROM.key, from());
        m.put(Setting.FROM_NAME.key, fromName());
        m.put(Setting.REPLY_TO.key, replyTo().orElse(""));
        m.put(Setting.POSTAL_ADDRESS.key, postalAddress().orElse(""));
        m.put(Setting.INTRO.key, defaultIntro());
        m.put(Setting.FOOTER.key, defaultFooter());
        m.put(Setting.SUPPORT_NOTE.key, sizes.supportNote());
        m.put(Setting.COMMUNITY_SIZE.key, String.valueOf(sizes.community()));
        m.put(Setting.PROJECTS_SIZE.key, String.valueOf(sizes.projects()));
        m.put(Setting.JOBS_SIZE.key, String.valueOf(sizes.jobs()));
        m.put(Setting.SUGGESTIONS.key, String.valueOf(sizes.suggestions()));
        m.put(Setting.QUIET_WEEK.key, String.valueOf(quietWeek()));
        m.put(Setting.DRAFT_DAY.key, schedule.off() ? "off" : schedule.day().name());
        m.put(Setting.DRAFT_TIME.key, schedule.off() ? "" : schedule.time().toString());
        m.put(Setting.TIME_ZONE.key, zone().getId());
        m.put(Setting.CLICK_COUNTS.key, clickCounts() ? "on" : "off");
        return m;
    }

    /** The values set here (not the defaults), by key; a setting not set here is absent. */
    Map<String, String> setHere() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            value(s).ifPresent(v -> m.put(s.key, v));
        }
        return m;
    }

    /** The value set here, if any (the stored values passed {@link SettingRules} when saved). */
    Optional<String> value(Setting setting) {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        // an I/O thread may not block on the database: it uses what was read last (seconds old at most, under load)
        if (current == null || !current.fresh(now) && !Context.isOnEventLoopThread()) {
            try {
                current = new Snapshot(store.read(), now);
                snapshot = current;
            } catch (RuntimeException unreadable) {
                if (current == null) {
                    throw unreadable;
                }
                LOG.warnf("Could not read the newsletter's settings, using those read before: %s", unreadable.getMessage());
            }
        }
        return Optional.ofNullable(current.values.get(setting));
    }

    /** Saves checked values and uses them here at once (other instances within {@link #FRESH_FOR}). */
    void save(Map<Setting, String> values) {
        store.save(values);
        snapshot = new Snapshot(store.read(), System.nanoTime());
    }

    private int size(Setting setting, int configured) {
        return value(setting).map(Integer::parseInt).orElse(configured);
    }
}
