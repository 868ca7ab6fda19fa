package dev.roundup.mail;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * DKIM signing of every outgoing mail; off unless domain, selector and private key are all set. The public key goes
 * in DNS as a TXT record at {@code <selector>._domainkey.<domain>}.
 */
@ConfigMapping(prefix = "roundup.dkim")
public interface DkimConfig {

    /** The signing domain (d=), normally the From address's domain. */
    Optional<String> domain();

    /** The selector (s=) under which the public key is published. */
    Optional<String> selector();

    /** Path to the RSA private key: PEM ("BEGIN PRIVATE KEY", PKCS#8) or DER. */
    Optional<String> privateKey();
}
