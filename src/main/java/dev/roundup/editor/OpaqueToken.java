package dev.roundup.editor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.roundup.Secrets;

/**
 * The random secrets that sessions and API tokens are made of, and the one-way hash the database keeps of them. A
 * 256-bit random value needs no slow hash: SHA-256 is enough that a copy of the database opens nothing.
 */
final class OpaqueToken {

    private OpaqueToken() {
    }

    /** A new secret of 32 random bytes, URL-safe, with a prefix saying what it is for (e.g. {@code rtk_}). */
    static String create(String prefix) {
        return prefix + Secrets.randomToken(32);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
