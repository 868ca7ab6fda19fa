package dev.roundup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.enterprise.event.Observes;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The one place that signs and verifies values: session cookies, CSRF tokens, flash messages and, later,
 * unsubscribe links. Each use has its own purpose, from which a separate HMAC-SHA256 key is derived,
 * so a signature made for one purpose is worthless for another.
 */
@ApplicationScoped
public class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Inject
    RoundupConfig config;

    @Inject
    EntityManager em;

    private volatile byte[] master;
    private final java.util.Map<String, SecretKeySpec> keys = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, ThreadLocal<Mac>> macs = new java.util.concurrent.ConcurrentHashMap<>();

    /** A fresh random value of the given number of bytes, URL-safe Base64 without padding. */
    public static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** The HMAC of {@code data} under the key for {@code purpose}, URL-safe Base64. */
    public String sign(String purpose, String data) {
        return B64.encodeToString(mac(purpose, data));
    }

    /** Whether {@code signature} is the signature of {@code data} for {@code purpose}; constant time. */
    public boolean verify(String purpose, String data, String signature) {
        if (signature == null || data == null) {
            return false;
        }
        byte[] expected = B64.encode(mac(purpose, data));
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(String purpose, String data) {
        // a Mac is not thread-safe, and making and keying one costs more than using it: one per thread and purpose
        // (a send signs two values for every message)
        Mac mac = macs.computeIfAbsent(purpose, p -> ThreadLocal.withInitial(() -> keyed(p))).get();
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private Mac keyed(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.computeIfAbsent(purpose, this::deriveKey));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** The key for one purpose: HMAC(master, purpose). */
    private SecretKeySpec deriveKey(String purpose) {
        try {
            Mac keyMac = Mac.getInstance("HmacSHA256");
            keyMac.init(new SecretKeySpec(master(), "HmacSHA256"));
            return new SecretKeySpec(keyMac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private byte[] master() {
        byte[] m = master;
        if (m == null) {
            m = config.secretKey().map(Secrets::longEnough).orElseGet(this::storedMaster);
            master = m;
        }
        return m;
    }

    /** Every key derives from the master: a short one could be guessed, so Roundup refuses to start with it. */
    static final int MIN_KEY_BYTES = 32;

    static byte[] longEnough(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("ROUNDUP_SECRET_KEY (roundup.secret-key) is " + bytes.length + " bytes long; it must be at least "
                    + MIN_KEY_BYTES + " bytes. Make one with: openssl rand -base64 48");
        }
        return bytes;
    }

    /** Loads the keys at start, so no request ever waits on the database for them. */
    void onStart(@Observes StartupEvent event) {
        master();
    }

    /** Reads the generated master secret, creating it on first start; two instances starting at once agree through the primary key. */
    private byte[] storedMaster() {
        for (int attempt = 0; attempt < 3; attempt++) {
            Object existing = QuarkusTransaction.requiringNew().call(() -> em
                    .createNativeQuery("select secret_value from app_secret where name = 'master'")
                    .getResultStream().findFirst().orElse(null));
            if (existing != null) {
                return existing.toString().getBytes(StandardCharsets.UTF_8);
            }
            try {
                QuarkusTransaction.requiringNew().run(() -> em
                        .createNativeQuery("insert into app_secret (name, secret_value) values ('master', :v)")
                        .setParameter("v", randomToken(48)).executeUpdate());
            } catch (RuntimeException lostRace) {
                // another instance inserted it first: read theirs
            }
        }
        throw new IllegalStateException("Could not read or create the master secret in table app_secret");
    }
}
