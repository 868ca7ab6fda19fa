package dev.roundup.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The DKIM record to publish is derived from the private key alone, and is the key pair's public key. */
class DkimPublicKeyTest {

    @Test
    void theRecordHoldsThePublicKeyOfThePrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        assertEquals("v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                DkimPublicKey.txt((RSAPrivateKey) pair.getPrivate()));
    }

    @Test
    void aKeyWithoutItsPublicExponentIsRefusedWithAReason() {
        RSAPrivateKey bare = new RSAPrivateKey() {
            public BigInteger getPrivateExponent() {
                return BigInteger.TEN;
            }

            public String getAlgorithm() {
                return "RSA";
            }

            public String getFormat() {
                return null;
            }

            public byte[] getEncoded() {
                return null;
            }

            public BigInteger getModulus() {
                return BigInteger.TWO;
            }
        };
        assertEquals(true, assertThrows(IllegalStateException.class, () -> DkimPublicKey.txt(bare)).getMessage().contains("public exponent"));
    }
}
