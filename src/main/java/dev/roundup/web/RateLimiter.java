package dev.roundup.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.Startup;
import io.vertx.ext.web.RoutingContext;

/**
 * Counts recent attempts per key (an IP address and a form, an account, a device) in this instance's memory, and says
 * when a key has used up its allowance. Enough to stop a bot hammering one form; not a distributed quota.
 * <p>
 * The counters are bounded and expire. Over the bound, Caffeine evicts by frequency (W-TinyLFU): a key used many
 * times, such as an account under attack, outlives a flood of made-up keys used once, so flooding cannot reset a
 * lockout. Nothing is ever forgotten all at once.
 */
@ApplicationScoped
@Startup // the trusted-proxy list is checked when Roundup starts, not at the first request
public class RateLimiter {

    static final int MAX_KEYS = 100_000;
    /** Counters live this long after their last attempt; every window in use is shorter. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(1);
    /** A key's history is cut to this many attempts: every limit in use is lower. */
    private static final int MAX_ATTEMPTS_KEPT = 20_000;

    private final int maxKeys;
    private final Cache<String, Deque<Long>> attempts;
    private final LongSupplier clock;
    private ClientAddress addresses;

    public RateLimiter() {
        this(MAX_KEYS, System::nanoTime);
    }

    RateLimiter(int maxKeys, LongSupplier clock) {
        this.maxKeys = maxKeys;
        this.clock = clock;
        this.attempts = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(LONGEST_WINDOW)
                .ticker(clock::getAsLong).executor(Runnable::run).build();
    }

    @PostConstruct
    void start() {
        warmUp();
        readProxySettings();
    }

    /**
     * Caffeine counts how often keys are used (the frequency sketch W-TinyLFU evicts by) only once the cache has
     * been half full: in 3.2.3, the version Quarkus 3.32.1's BOM manages, {@code BoundedLocalCache.AddTask} calls
     * {@code FrequencySketch.ensureCapacity} only when {@code weightedSize() >= maximum() >>> 1}. Filling it that far
     * once, at start, means
     * the failures of an account attacked early still count when a flood of made-up keys comes later. This is an
     * implementation detail of Caffeine, not its contract: RateLimiterTest's flood test guards it on upgrades.
     */
    void warmUp() {
        for (int i = 0; i <= maxKeys / 2; i++) {
            attempts.put("\0warm-up:" + i, new ArrayDeque<>(0));
        }
        attempts.cleanUp();
        attempts.invalidateAll();
        attempts.cleanUp();
    }

    private void readProxySettings() {
        Config config = ConfigProvider.getConfig();
        addresses = new ClientAddress(
                config.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class).orElse(false),
                config.getOptionalValues("quarkus.http.proxy.trusted-proxies", String.class).orElse(List.of()));
    }

    /**
     * The client's address, the key of per-IP limits and the address in consent records: the direct peer, or behind
     * trusted proxies the rightmost {@code X-Forwarded-For} entry that is not one of them (see {@link ClientAddress}).
     * Every feature reads the client's address here.
     */
    public static String clientIp(RoutingContext rc) {
        return Arc.container().instance(RateLimiter.class).get().clientAddress(rc);
    }

    String clientAddress(RoutingContext rc) {
        // the connection's peer, not request().remoteAddress(): Quarkus replaces that with the leftmost forwarded entry
        var peer = rc.request().connection() == null ? rc.request().remoteAddress() : rc.request().connection().remoteAddress();
        // every X-Forwarded-For line, in order: a client's second line would otherwise hide what the proxy appended
        List<String> forwarded = rc.request().headers().getAll("X-Forwarded-For");
        return addresses.of(peer == null ? null : peer.hostAddress(), forwarded.isEmpty() ? null : String.join(",", forwarded));
    }

    /** How many attempts a key made within the window, without recording one. */
    public int recent(String key, Duration window) {
        Deque<Long> times = attempts.getIfPresent(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            forgetOlder(times, window);
            return times.size();
        }
    }

    /** Records an attempt (a failed sign-in, say) without asking whether it was allowed. */
    public void record(String key) {
        attempts.asMap().compute(key, (k, times) -> {
            Deque<Long> t = times == null ? new ArrayDeque<>() : times;
            synchronized (t) {
                t.addLast(clock.getAsLong());
                if (t.size() > MAX_ATTEMPTS_KEPT) {
                    t.pollFirst();
                }
            }
            return t;
        });
    }

    /**
     * Records an attempt and says whether it is within {@code limit} attempts per {@code window}: one atomic step, so
     * parallel attempts cannot all pass while the count is below the limit. A refused attempt is not recorded.
     */
    public boolean allow(String key, int limit, Duration window) {
        boolean[] allowed = new boolean[1];
        attempts.asMap().compute(key, (k, times) -> {
            Deque<Long> t = times == null ? new ArrayDeque<>() : times;
            synchronized (t) {
                forgetOlder(t, window);
                allowed[0] = t.size() < limit;
                if (allowed[0]) {
                    t.addLast(clock.getAsLong());
                }
            }
            return t;
        });
        return allowed[0];
    }

    /** Takes back the latest attempt recorded for a key: one that {@link #allow} reserved and that turned out fine. */
    public void takeBack(String key) {
        attempts.asMap().computeIfPresent(key, (k, times) -> {
            synchronized (times) {
                times.pollLast();
            }
            return times;
        });
    }

    private void forgetOlder(Deque<Long> times, Duration window) {
        long cutoff = clock.getAsLong() - window.toNanos();
        while (!times.isEmpty() && times.peekFirst() - cutoff < 0) {
            times.pollFirst();
        }
    }
}
