package dev.roundup.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server in the test JVM (GreenMail), which the app under test sends to: every @QuarkusTest sees the
 * mail the app really sent, headers and all.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
        greenMail = new GreenMail(smtp);
        greenMail.start();
        return Map.of("roundup.smtp.host", "127.0.0.1", "roundup.smtp.port", String.valueOf(greenMail.getSmtp().getPort()),
                "roundup.smtp.tls", "none", "roundup.mail.from", "news@roundup.test");
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    public static GreenMail greenMail() {
        return greenMail;
    }

    /** The SMTP server goes down: stops it and returns what it had received. */
    public static List<MimeMessage> goDown() {
        // read after the SMTP service closed its connections: a message accepted between a read and the stop would be
        // delivered and missing from the list. (GreenMail.stop() would also empty the store, so it is not called here.)
        greenMail.getSmtp().stopService();
        return List.of(greenMail.getReceivedMessages());
    }

    /** The SMTP server comes back, empty, on the same port. */
    public static void startAgain(int port) {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    /** The messages received for one address, oldest first. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }
}
