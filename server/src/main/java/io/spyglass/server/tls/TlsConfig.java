package io.spyglass.server.tls;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code serve --tls-cert FILE --tls-key FILE}: PEM files, read at start and again whenever they
 * change (checked every {@code checkEvery}), so a renewed certificate needs no restart.
 *
 * @param certificate PEM certificate, optionally followed by its chain (leaf first)
 * @param key         PEM private key: PKCS#8, PKCS#1 (RSA) or SEC1 (EC), unencrypted
 * @param checkEvery  how often the files' modification times are compared
 */
public record TlsConfig(Path certificate, Path key, Duration checkEvery) {
    public static final Duration DEFAULT_CHECK = Duration.ofSeconds(10);

    public TlsConfig {
        if (certificate == null || key == null) {
            throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key");
        }
        if (checkEvery == null) checkEvery = DEFAULT_CHECK;
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("TLS file check interval must be positive: " + checkEvery);
        }
    }

    public TlsConfig(Path certificate, Path key) {
        this(certificate, key, DEFAULT_CHECK);
    }
}
