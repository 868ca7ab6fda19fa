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
public class RateLimiter {

    static final int MAX_KEYS = 100_000;
    /** Counters live this long after their last attempt; every window in use is shorter. */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(1);
    /** A key's history is cut to this many attempts: every limit in use is lower. */
    private static final int MAX_ATTEMPTS_KEPT = 20_000;

    private final Cache<String, Deque<Long>> attempts;
    private final LongSupplier clock;
    private ClientAddress addresses;

    public RateLimiter() {
        this(MAX_KEYS, System::nanoTime);
    }

    RateLimiter(int maxKeys, LongSupplier clock) {
        this.clock = clock;
        this.attempts = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(LONGEST_WINDOW)
                .ticker(clock::getAsLong).executor(Runnable::run).build();
        // Caffeine starts counting how often keys are used only once the cache is half full. Fill it that far once,
        // so that the failures of an account attacked early count when a flood comes later.
        for (int i = 0; i <= maxKeys / 2; i++) {
            attempts.put("\0warm-up:" + i, new ArrayDeque<>(0));
        }
        attempts.cleanUp();
        attempts.invalidateAll();
        attempts.cleanUp();
    }

    @PostConstruct
    void readProxySettings() {
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
        return addresses.of(peer == null ? null : peer.hostAddress(), rc.request().getHeader("X-Forwarded-For"));
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

    /** Records an attempt and says whether it is within {@code limit} attempts per {@code window}. */
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

    private void forgetOlder(Deque<Long> times, Duration window) {
        long cutoff = clock.getAsLong() - window.toNanos();
        while (!times.isEmpty() && times.peekFirst() - cutoff < 0) {
            times.pollFirst();
        }
    }
}
