package dev.roundup.editor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;

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
            assertTrue(limits.allows("dana@example.org", attacker));
            limits.failed("dana@example.org", attacker);
        }
        assertFalse(limits.allows("dana@example.org", attacker));
        assertFalse(limits.allows("dana@example.org", new SignInLimits.Client("198.51.100.1", null)), "any unknown client");
        assertTrue(limits.allows("dana@example.org", new SignInLimits.Client("198.51.100.1", danasDevice)), "Dana's browser");
        assertTrue(limits.allows("other@example.org", attacker), "other accounts are not locked by these ten");
    }

    @Test
    void aDevicesFailuresCountForThatDeviceAlone() {
        SignInLimits.Client laptop = new SignInLimits.Client("198.51.100.2", danasDevice);
        for (int i = 0; i < 10; i++) {
            limits.failed("dana@example.org", laptop);
        }
        assertFalse(limits.allows("dana@example.org", laptop));
        assertTrue(limits.allows("dana@example.org", new SignInLimits.Client("198.51.100.2", null)));
    }

    @Test
    void aDeviceCookieOnlyVouchesForItsOwnAccount() {
        SignInLimits.Client attacker = new SignInLimits.Client("203.0.113.67", null);
        for (int i = 0; i < 10; i++) {
            limits.failed("eve@example.org", attacker);
        }
        assertFalse(limits.allows("eve@example.org", new SignInLimits.Client("198.51.100.3", danasDevice)));
        assertFalse(limits.allows("eve@example.org", new SignInLimits.Client("198.51.100.3", danasDevice + "x")));
    }

    @Test
    void anAddressSprayingManyAccountsIsLimited() {
        SignInLimits.Client sprayer = new SignInLimits.Client("203.0.113.68", null);
        for (int i = 0; i < 30; i++) {
            limits.failed("user" + i + "@example.org", sprayer);
        }
        assertFalse(limits.allows("fresh@example.org", sprayer));
        assertFalse(limits.allows(null, sprayer), "tokens too");
        assertTrue(limits.allows("fresh@example.org", new SignInLimits.Client("203.0.113.69", null)));
    }

    private static SignInLimits limits() {
        RoundupConfig roundup = (RoundupConfig) Proxy.newProxyInstance(RoundupConfig.class.getClassLoader(),
                new Class<?>[] { RoundupConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "secretKey" -> Optional.of("a-test-secret-of-some-length");
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
