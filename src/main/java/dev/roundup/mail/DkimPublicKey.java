package dev.roundup.mail;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The DKIM record to publish in DNS for the configured key: its name ({@code <selector>._domainkey.<domain>}) and
 * its TXT value ({@code v=DKIM1; k=rsa; p=<public key>}), the public key derived from the private one.
 */
@ApplicationScoped
public class DkimPublicKey {

    @Inject
    DkimConfig config;

    /** The record, when DKIM is configured; the key is read as {@link DkimSigning} reads it. */
    public Optional<Record> record() {
        if (config.privateKey().isEmpty() || config.domain().isEmpty() || config.selector().isEmpty()) {
            return Optional.empty();
        }
        RSAPrivateKey key = DkimSigning.readKey(Path.of(config.privateKey().get()));
        return Optional.of(new Record(config.selector().get() + "._domainkey." + config.domain().get(), config.domain().get(), txt(key)));
    }

    /** A record to publish: where, for which signing domain, and what. */
    public record Record(String name, String domain, String value) {
    }

    /** The TXT value for a private key: the public key (modulus and public exponent) as X.509 SubjectPublicKeyInfo, in base64. */
    public static String txt(RSAPrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The DKIM private key holds no public exponent (not a CRT key): the public key cannot be derived from it");
        }
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey(crt.getModulus(), crt.getPublicExponent()));
    }

    private static byte[] publicKey(BigInteger modulus, BigInteger exponent) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)).getEncoded();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
