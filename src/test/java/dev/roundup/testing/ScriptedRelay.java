package dev.roundup.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test profile whose relay is a {@link SmtpSink} that answers as each test scripts it (4xx, 5xx), with DKIM
 * signing on (a key made for the run), VERP bounce addresses, and a bounce mailbox on a GreenMail IMAP/POP3 server.
 * It has a database of its own. Tests reach the parts through the static accessors.
 */
public class ScriptedRelay implements QuarkusTestProfile {

    public static final String BOUNCE_ADDRESS = "bounces@roundup.test";
    public static final String BOUNCE_PASSWORD = "bounce-box-password";
    public static final String DKIM_DOMAIN = "roundup.test";
    public static final String DKIM_SELECTOR = "news2026";

    private static SmtpSink sink;
    private static GreenMail mailbox;
    private static GreenMailUser bounceUser;
    private static KeyPair dkimKeys;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Parts.class), new TestResourceEntry(DnsResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true; // the relay here is the scripted sink, not the global GreenMail
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", TestDatabases.fresh("relay"));
        config.put("roundup.send.retry-backoff", "300ms");
        config.put("roundup.send.max-attempts", "3");
        config.put("roundup.subscribers.soft-bounce-limit", "2");
        return config;
    }

    public static SmtpSink sink() {
        return sink;
    }

    public static GreenMail mailbox() {
        return mailbox;
    }

    public static GreenMailUser bounceUser() {
        return bounceUser;
    }

    /** The public key as it would be published in DNS: {@code v=DKIM1; k=rsa; p=…}. */
    public static String dkimRecord() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(dkimKeys.getPublic().getEncoded());
    }

    /** Starts the sink, the mailbox and the key, and points the app at them. */
    public static class Parts implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                sink = SmtpSink.keepingMessages();
                mailbox = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort(),
                        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort()});
                mailbox.start();
                bounceUser = mailbox.setUser(BOUNCE_ADDRESS, BOUNCE_ADDRESS, BOUNCE_PASSWORD);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                dkimKeys = generator.generateKeyPair();
                Path key = Files.createTempFile("dkim", ".pem");
                Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(dkimKeys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
                key.toFile().deleteOnExit();
                Map<String, String> config = new HashMap<>();
                config.put("roundup.smtp.host", "127.0.0.1");
                config.put("roundup.smtp.port", String.valueOf(sink.port()));
                config.put("roundup.smtp.tls", "none");
                config.put("roundup.mail.from", "news@roundup.test");
                config.put("roundup.mail.bounce-address", BOUNCE_ADDRESS);
                config.put("roundup.dkim.domain", DKIM_DOMAIN);
                config.put("roundup.dkim.selector", DKIM_SELECTOR);
                config.put("roundup.dkim.private-key", key.toString());
                config.put("roundup.bounces.protocol", "imap");
                config.put("roundup.bounces.host", "127.0.0.1");
                config.put("roundup.bounces.port", String.valueOf(mailbox.getImap().getPort()));
                config.put("roundup.bounces.username", BOUNCE_ADDRESS);
                config.put("roundup.bounces.password", BOUNCE_PASSWORD);
                config.put("roundup.bounces.check-every", "off");
                return config;
            } catch (Exception e) {
                throw new IllegalStateException("could not start the scripted relay", e);
            }
        }

        @Override
        public void stop() {
            try {
                if (sink != null) {
                    sink.close();
                }
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
            if (mailbox != null) {
                mailbox.stop();
            }
        }
    }
}
