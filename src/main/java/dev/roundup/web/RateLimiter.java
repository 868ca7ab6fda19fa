package dev.roundup.web;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts recent attempts per key (an IP address and a form) in this instance's memory, and says when a key has used
 * up its allowance. Enough to stop a bot hammering one form; not a distributed quota.
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_KEYS = 100_000;
    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();

    /** The client's address, the key of per-IP limits (the proxy's forwarded one when proxy forwarding is enabled). */
    public static String clientIp(io.vertx.ext.web.RoutingContext rc) {
        return rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().host();
    }

    /** How many attempts a key made within the window, without recording one. */
    public int recent(String key, Duration window) {
        Deque<Long> times = attempts.get(key);
        if (times == null) {
            return 0;
        }
        long cutoff = System.nanoTime() - window.toNanos();
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() < cutoff) {
                times.pollFirst();
            }
            return times.size();
        }
    }

    /** Records an attempt (a failed sign-in, say) without asking whether it was allowed. */
    public void record(String key) {
        if (attempts.size() > MAX_KEYS) {
            attempts.clear();
        }
        Deque<Long> times = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(System.nanoTime());
        }
    }

    /** Records an attempt and says whether it is within {@code limit} attempts per {@code window}. */
    public boolean allow(String key, int limit, Duration window) {
        long now = System.nanoTime();
        long cutoff = now - window.toNanos();
        if (attempts.size() > MAX_KEYS) {
            attempts.clear(); // a flood of distinct keys: forget rather than grow without bound
        }
        Deque<Long> times = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() < cutoff) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
