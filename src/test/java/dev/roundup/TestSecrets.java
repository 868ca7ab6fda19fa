package dev.roundup;

import java.lang.reflect.Proxy;
import java.util.Optional;

/** A {@link Secrets} without a running app, for unit tests of rules that sign: its master key is given, not stored. */
public final class TestSecrets {

    private TestSecrets() {
    }

    /** Signs with {@code masterKey} (at least 32 bytes), as {@code roundup.secret-key} would make it. */
    public static Secrets withKey(String masterKey) {
        Secrets secrets = new Secrets();
        secrets.config = (RoundupConfig) Proxy.newProxyInstance(RoundupConfig.class.getClassLoader(), new Class<?>[] {RoundupConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("secretKey")) {
                        return Optional.of(masterKey);
                    }
                    throw new UnsupportedOperationException("a unit test's Secrets reads only the secret key, not " + method.getName());
                });
        return secrets;
    }
}
