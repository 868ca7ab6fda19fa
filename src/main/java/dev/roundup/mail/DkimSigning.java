package dev.roundup.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.jboss.logging.Logger;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * Signs outgoing mail with DKIM (RFC 6376, rsa-sha256, relaxed/relaxed) when configured. The signed headers include
 * List-Unsubscribe and List-Unsubscribe-Post, as RFC 8058 §4 requires for one-click unsubscribe to be trusted.
 */
@ApplicationScoped
class DkimSigning {

    private static final Logger LOG = Logger.getLogger(DkimSigning.class);

    /** Headers covered by the signature, when the message has them. */
    static final List<String> SIGNED_HEADERS = List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
            "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "Reply-To");

    @Inject
    DkimConfig config;

    private RSAPrivateKey key;

    @PostConstruct
    void init() {
        if (config.privateKey().isEmpty() && config.domain().isEmpty() && config.selector().isEmpty()) {
            return;
        }
        if (config.privateKey().isEmpty() || config.domain().isEmpty() || config.selector().isEmpty()) {
            throw new IllegalStateException("DKIM needs all of roundup.dkim.domain, roundup.dkim.selector and roundup.dkim.private-key");
        }
        key = readKey(Path.of(config.privateKey().get()));
        LOG.infof("Signing mail with DKIM: d=%s s=%s", config.domain().get(), config.selector().get());
    }

    public boolean enabled() {
        return key != null;
    }

    /** The message, signed when DKIM is configured; the signature is computed as the message is written out. */
    public SMTPMessage sign(SMTPMessage message) throws MessagingException {
        if (key == null) {
            return message;
        }
        try {
            DkimSigner signer = new DkimSigner(config.domain().get(), config.selector().get(), key);
            signer.setCheckDomainKey(false);
            signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            SIGNED_HEADERS.forEach(signer::addHeaderToSign);
            return new DkimMessage(message, signer);
        } catch (DkimException e) {
            throw new MessagingException("DKIM signing is misconfigured: " + e.getMessage(), e);
        }
    }

    static RSAPrivateKey readKey(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
                throw new IllegalStateException("The DKIM key " + file + " is in PKCS#1 form; convert it with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in old.pem -out dkim.pem'");
            }
            if (text.contains("-----BEGIN")) {
                String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                bytes = Base64.getDecoder().decode(base64);
            }
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the DKIM private key " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("The DKIM private key " + file + " is not an RSA key in PKCS#8 (PEM or DER): " + e.getMessage(), e);
        }
    }
}
