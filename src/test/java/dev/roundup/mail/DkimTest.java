package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;

import dev.roundup.delivery.DeliveryTag;
import dev.roundup.roundup.Drafts;
import dev.roundup.testing.ScriptedRelay;
import dev.roundup.testing.Sends;
import dev.roundup.testing.SmtpSink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * DKIM: the issue mail as it crossed the wire verifies with the published public key (checked by Apache jDKIM, an
 * independent implementation), the signature covers the one-click unsubscribe headers (RFC 8058 §4), and changing
 * any of them breaks it. The envelope sender is the VERP address naming the delivery.
 */
@QuarkusTest
@TestProfile(ScriptedRelay.class)
class DkimTest {

    @Inject
    Drafts drafts;

    @Test
    void issueMailIsSignedOverTheUnsubscribeHeadersAndVerifiesWithThePublicKey() throws Exception {
        Sends.subscribe(List.of("reader@dkim.test"));
        long issueId = drafts.create(LocalDate.of(2017, 3, 6), LocalDate.of(2017, 3, 13)).id;
        Sends.start(issueId);
        Sends.awaitState(issueId, "done", Duration.ofSeconds(30));
        SmtpSink.Received mail = ScriptedRelay.sink().to("reader@dkim.test").stream()
                .filter(m -> m.text().contains(DeliveryTag.HEADER + ": " + issueId + ".")).findFirst().orElseThrow();

        List<SignatureRecord> valid = verify(mail.raw());
        assertEquals(1, valid.size(), "one valid signature");
        SignatureRecord signature = valid.get(0);
        assertEquals(ScriptedRelay.DKIM_DOMAIN, signature.getDToken().toString());
        assertEquals(ScriptedRelay.DKIM_SELECTOR, signature.getSelector().toString());
        Set<String> signed = signature.getHeaders().stream().map(h -> h.toString().toLowerCase()).collect(Collectors.toSet());
        for (String h : List.of("from", "subject", "date", "message-id", "list-id", "list-unsubscribe", "list-unsubscribe-post")) {
            assertTrue(signed.contains(h), h + " is signed: " + signed);
        }

        String text = mail.text();
        String forged = text.replaceFirst("(?m)^List-Unsubscribe: <([^>]*)>", "List-Unsubscribe: <https://evil.example/u>");
        assertFalse(forged.equals(text));
        assertTrue(verify(forged.getBytes(StandardCharsets.UTF_8)).isEmpty(), "a changed List-Unsubscribe fails verification");
        String otherBody = text.replace("Weekly Roundup", "Weekly Roundabout");
        assertTrue(verify(otherBody.getBytes(StandardCharsets.UTF_8)).isEmpty(), "a changed body fails verification");

        String tag = Arrays.stream(text.split("\r\n")).filter(l -> l.startsWith(DeliveryTag.HEADER + ":")).findFirst().orElseThrow()
                .substring(DeliveryTag.HEADER.length() + 1).strip();
        assertEquals("bounces+" + tag + "@roundup.test", mail.mailFrom(), "VERP: the envelope sender names the delivery");
    }

    static List<SignatureRecord> verify(byte[] raw) throws Exception {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            if (!selector.toString().equals(ScriptedRelay.DKIM_SELECTOR) || !domain.toString().equals(ScriptedRelay.DKIM_DOMAIN)) {
                return List.of();
            }
            return List.of(ScriptedRelay.dkimRecord());
        });
        try {
            List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(raw));
            return valid == null ? List.of() : valid;
        } catch (FailException e) {
            return List.of();
        }
    }
}
