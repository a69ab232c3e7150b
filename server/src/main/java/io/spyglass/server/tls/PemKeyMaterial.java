package io.spyglass.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a PEM certificate chain and its private key into an in-memory key store for Jetty. The JDK
 * reads neither PKCS#1 ({@code RSA PRIVATE KEY}) nor SEC1 ({@code EC PRIVATE KEY}) keys, which
 * openssl and most ACME clients write, so BouncyCastle's PEM parser does the reading; the keys
 * themselves are made by the JDK's own key factories.
 */
public final class PemKeyMaterial {
    /** Guards nothing (the store never leaves memory); Jetty just needs some password. */
    private static final String STORE_PASSWORD = "in-memory";
    private static final String ALIAS = "server";

    private final KeyStore keyStore;
    private final List<X509Certificate> chain;

    private PemKeyMaterial(KeyStore keyStore, List<X509Certificate> chain) {
        this.keyStore = keyStore;
        this.chain = List.copyOf(chain);
    }

    /** Reads both files; throws {@link TlsFileException} naming the file that cannot be used. */
    public static PemKeyMaterial read(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new TlsFileException(keyFile, "this private key does not belong to the certificate in " + certificateFile);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, STORE_PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
            return new PemKeyMaterial(store, chain);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsFileException(certificateFile, "cannot be used with " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** The password of the in-memory store's key entry, for Jetty. */
    public static String storePassword() {
        return STORE_PASSWORD;
    }

    public KeyStore keyStore() {
        return keyStore;
    }

    /** The server's own certificate (the first in the file). */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** One line for the log: subject, serial, expiry, chain length. */
    public String describe() {
        X509Certificate c = leaf();
        return c.getSubjectX500Principal().getName() + " (serial " + c.getSerialNumber().toString(16) + ", valid until "
                + c.getNotAfter().toInstant() + (chain.size() > 1 ? ", with " + (chain.size() - 1) + " chain certificate(s)" : "") + ")";
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : pemObjects(file)) {
            if (o instanceof X509CertificateHolder h) {
                try {
                    out.add(converter.getCertificate(h));
                } catch (GeneralSecurityException e) {
                    throw new TlsFileException(file, "certificate " + (out.size() + 1) + " cannot be read: " + e.getMessage(), e);
                }
            }
        }
        if (out.isEmpty()) throw new TlsFileException(file, "no PEM certificate (-----BEGIN CERTIFICATE-----) in this file");
        return out;
    }

    private static PrivateKey privateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : pemObjects(file)) {
            try {
                if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);           // PKCS#8
                if (o instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo()); // PKCS#1, SEC1
            } catch (IOException e) {
                throw new TlsFileException(file, "the private key cannot be read: " + e.getMessage(), e);
            }
            if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new TlsFileException(file, "the private key is encrypted; give the server an unencrypted key file readable only by it");
            }
        }
        throw new TlsFileException(file, "no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY) in this file");
    }

    private static List<Object> pemObjects(Path file) {
        List<Object> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) out.add(o);
            return out;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsFileException(file, "no such file", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new TlsFileException(file, "permission denied", e);
        } catch (IOException | RuntimeException e) {
            // BouncyCastle says "-----END CERTIFICATE----- not found" for a file cut short
            throw new TlsFileException(file, "not a complete PEM file: " + e.getMessage(), e);
        }
    }

    /** Whether the key signs what the certificate's public key verifies: works for RSA, EC and EdDSA alike. */
    private static boolean matches(PrivateKey key, PublicKey certified) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) return key.getAlgorithm().equals(certified.getAlgorithm());
        try {
            byte[] probe = "spyglass key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
