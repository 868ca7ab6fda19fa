package dev.roundup.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.roundup.RoundupConfig;
import dev.roundup.Secrets;
import dev.roundup.web.RateLimiter;

/** The attempt limiter's rule (OWASP device cookies), without a server: whose failures lock out whom. */
class SignInLimitsTest {

    private final SignInLimits limits = limits();
    private final String danasDevice = limits.devices.issue("dana@example.org").getValue();

    @Test
    void aStrangersFailuresLockOutStrangersButNotTheEditorsDevice() {
        SignInLimits.Client attacker = new SignInLimits.Client("203.0.113.66", null);
        for (int i = 0; i < 10; i++) {
            assertTrue(limits.reserve("dana@example.org", attacker).isPresent());
        }
        assertFalse(limits.reserve("dana@example.org", attacker).isPresent());
        assertFalse(limits.reserve("dana@example.org", new SignInLimits.Client("198.51.100.1", null)).isPresent(), "any unknown client");
        assertTrue(limits.reserve("dana@example.org", new SignInLimits.Client("198.51.100.1", danasDevice)).isPresent(), "Dana's browser");
        assertTrue(limits.reserve("other@example.org", attacker).isPresent(), "other accounts are not locked by these ten");
    }

    @Test
    void aDevicesFailuresCountForThatDeviceAlone() {
        SignInLimits.Client laptop = new SignInLimits.Client("198.51.100.2", danasDevice);
        for (int i = 0; i < 10; i++) {
            assertTrue(limits.reserve("dana@example.org", laptop).isPresent());
        }
        assertFalse(limits.reserve("dana@example.org", laptop).isPresent());
        assertTrue(limits.reserve("dana@example.org", new SignInLimits.Client("198.51.100.2", null)).isPresent());
    }

    @Test
    void aDeviceCookieOnlyVouchesForItsOwnAccount() {
        SignInLimits.Client attacker = new SignInLimits.Client("203.0.113.67", null);
        for (int i = 0; i < 10; i++) {
            limits.reserve("eve@example.org", attacker);
        }
        assertFalse(limits.reserve("eve@example.org", new SignInLimits.Client("198.51.100.3", danasDevice)).isPresent());
        assertFalse(limits.reserve("eve@example.org", new SignInLimits.Client("198.51.100.3", danasDevice + "x")).isPresent());
    }

    @Test
    void anAddressSprayingManyAccountsIsLimited() {
        SignInLimits.Client sprayer = new SignInLimits.Client("203.0.113.68", null);
        for (int i = 0; i < 30; i++) {
            limits.reserve("user" + i + "@example.org", sprayer);
        }
        assertFalse(limits.reserve("fresh@example.org", sprayer).isPresent());
        assertTrue(limits.reserve("fresh@example.org", new SignInLimits.Client("203.0.113.69", null)).isPresent());
    }

    @Test
    void aSuccessTakesItsAttemptBack() {
        SignInLimits.Client editor = new SignInLimits.Client("203.0.113.70", null);
        for (int i = 0; i < 50; i++) {
            limits.succeeded(limits.reserve("frequent@example.org", editor).orElseThrow());
        }
        assertTrue(limits.reserve("frequent@example.org", editor).isPresent(), "fifty sign-ins lock nobody out");
    }

    @Test
    void parallelAttemptsGetNoMoreThanTheLimit() throws Exception {
        SignInLimits.Client attacker = new SignInLimits.Client("203.0.113.71", null);
        int threads = 40;
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicInteger reserved = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    limits.reserve("parallel@example.org", attacker).ifPresent(a -> reserved.incrementAndGet());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10, reserved.get());
    }

    @Test
    void anIpv6HostCountsByItsSlash64() {
        for (int i = 0; i < 30; i++) {
            limits.reserve("user" + i + "@example.org", new SignInLimits.Client("2001:db8:1:2::" + Integer.toHexString(i + 1), null));
        }
        assertFalse(limits.reserve("fresh@example.org", new SignInLimits.Client("2001:db8:1:2:ffff::1", null)).isPresent(),
                "another address of the same /64");
        assertTrue(limits.reserve("fresh@example.org", new SignInLimits.Client("2001:db8:1:3::1", null)).isPresent(), "the next /64");
    }

    @Test
    void wrongTokensAreLimitedApartFromPasswords() {
        SignInLimits.Client nat = new SignInLimits.Client("203.0.113.72", null);
        for (int i = 0; i < 30; i++) {
            assertTrue(limits.tokenFailed(nat));
        }
        assertFalse(limits.tokenFailed(nat), "a flood of bad tokens is throttled");
        assertTrue(limits.reserve("neighbour@example.org", nat).isPresent(), "the form is still open behind the same NAT");
    }

    @Test
    void theWaitIsToldInTheConfiguredWindow() {
        assertEquals("Too many attempts. Wait 15 minutes and try again.", limits.waitMessage());
        assertEquals("1 hour", SignInLimits.describe(Duration.ofHours(1)));
        assertEquals("90 seconds", SignInLimits.describe(Duration.ofSeconds(90)));
    }

    @Test
    void passwordChangesAreLimitedPerAccount() {
        for (int i = 0; i < 10; i++) {
            assertTrue(limits.reservePasswordChange("dana@example.org").isPresent());
        }
        assertFalse(limits.reservePasswordChange("dana@example.org").isPresent());
    }

    private static SignInLimits limits() {
        RoundupConfig roundup = (RoundupConfig) Proxy.newProxyInstance(RoundupConfig.class.getClassLoader(),
                new Class<?>[] { RoundupConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "secretKey" -> Optional.of("a-test-secret-of-some-length-32-bytes-or-more");
                    case "secure" -> false;
                    default -> null;
                });
        EditorConfig config = (EditorConfig) Proxy.newProxyInstance(EditorConfig.class.getClassLoader(),
                new Class<?>[] { EditorConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "failuresPerAccount", "failuresPerDevice" -> 10;
                    case "failuresPerAddress" -> 30;
                    case "failureWindow" -> Duration.ofMinutes(15);
                    default -> null;
                });
        Secrets secrets = new Secrets();
        set(secrets, "config", roundup);
        DeviceCookie devices = new DeviceCookie();
        devices.secrets = secrets;
        devices.roundup = roundup;
        SignInLimits limits = new SignInLimits();
        limits.limiter = new RateLimiter();
        limits.config = config;
        limits.devices = devices;
        return limits;
    }

    private static void set(Object target, String field, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
