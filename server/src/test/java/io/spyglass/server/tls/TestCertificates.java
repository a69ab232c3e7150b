package io.spyglass.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away certificate authority for tests, made in-process with BouncyCastle (no openssl
 * command lines): a CA and server certificates for {@code localhost}, {@code 127.0.0.1} and any
 * other names given, written as PEM files the way openssl and ACME clients write them.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** How the server's private key is written. */
    public enum KeyFormat { PKCS8, PKCS1_OR_SEC1 }

    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A new CA with an RSA key. */
    public static TestCertificates newAuthority() throws GeneralSecurityException {
        KeyPair keys = keys("RSA");
        X500Name name = new X500Name("CN=Spyglass Test CA " + SERIAL.incrementAndGet());
        X509v3CertificateBuilder b = builder(name, name, keys);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return new TestCertificates(keys, sign(b, keys));
    }

    public X509Certificate ca() {
        return ca;
    }

    /** Writes the CA certificate as PEM ({@code ca.crt} for docker's certs.d, skopeo's cert dirs). */
    public Path writeCa(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, pem(ca));
        return file;
    }

    /** A server certificate and its key, both PEM, signed by this CA. */
    public record ServerFiles(Path certificate, Path key, X509Certificate leaf) {}

    /**
     * Issues a server certificate for {@code localhost}, {@code 127.0.0.1} and {@code extraNames}
     * (IP addresses or DNS names), writing {@code cert.pem} (leaf then CA) and {@code key.pem}
     * into {@code dir}; files already there are replaced atomically, as certbot does.
     */
    public ServerFiles issue(Path dir, String keyAlgorithm, KeyFormat format, String... extraNames) throws Exception {
        KeyPair keys = keys(keyAlgorithm);
        X509v3CertificateBuilder b = builder(new X500Name(ca.getSubjectX500Principal().getName()), new X500Name("CN=localhost"), keys);
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        for (String n : extraNames) {
            boolean ip = n.chars().allMatch(c -> Character.isDigit(c) || c == '.') || n.contains(":");
            names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509Certificate leaf = sign(b, caKeys);
        Files.createDirectories(dir);
        Path cert = replace(dir.resolve("cert.pem"), pem(leaf) + pem(ca));
        String keyPem = format == KeyFormat.PKCS8
                ? pem(new PemObject("PRIVATE KEY", PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()).getEncoded()))
                : keyAlgorithm.equals("EC") ? pem(sec1(keys)) : pem(new JcaMiscPEMGenerator(keys.getPrivate())); // RSA PRIVATE KEY
        Path key = replace(dir.resolve("key.pem"), keyPem);
        return new ServerFiles(cert, key, leaf);
    }

    /** The machine's first non-loopback IPv4 address, or null (docker trusts every loopback registry blindly). */
    public static String outwardAddress() throws IOException {
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) return a.getHostAddress();
            }
        }
        return null;
    }

    /** An SSL context that trusts only this CA (for Java's HttpClient). */
    public SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** {@code EC PRIVATE KEY} as openssl writes it: curve and public key inside (the JDK keeps the curve outside). */
    private static PemObject sec1(KeyPair keys) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        var publicBits = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData();
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(), publicBits, info.getPrivateKeyAlgorithm().getParameters());
        return new PemObject("EC PRIVATE KEY", sec1.getEncoded());
    }

    private static Path replace(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".new", ".pem");
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static KeyPair keys(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) g.initialize(new ECGenParameterSpec("secp256r1"));
        else g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws GeneralSecurityException {
        try {
            String alg = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }
}
