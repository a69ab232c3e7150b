package io.spyglass.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.server.tls.TestCertificates.KeyFormat;
import io.spyglass.server.tls.TestCertificates.ServerFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The key and certificate files openssl, certbot and others write, and the broken ones people give. */
class PemKeyMaterialTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"RSA, PKCS8, -----BEGIN PRIVATE KEY-----", "RSA, PKCS1_OR_SEC1, -----BEGIN RSA PRIVATE KEY-----",
            "EC, PKCS8, -----BEGIN PRIVATE KEY-----", "EC, PKCS1_OR_SEC1, -----BEGIN EC PRIVATE KEY-----"})
    void readsEachKeyFormatWithTheChain(String algorithm, KeyFormat format, String header) throws Exception {
        TestCertificates ca = TestCertificates.newAuthority();
        ServerFiles files = ca.issue(dir, algorithm, format);
        assertThat(Files.readString(files.key())).startsWith(header);

        PemKeyMaterial m = PemKeyMaterial.read(files.certificate(), files.key());

        assertThat(m.leaf()).isEqualTo(files.leaf());
        Certificate[] chain = m.keyStore().getCertificateChain(m.keyStore().aliases().nextElement());
        assertThat(chain).containsExactly(files.leaf(), ca.ca());
        assertThat(m.describe()).contains("CN=localhost").contains("1 chain certificate");
    }

    @Test
    void aTruncatedCertificateIsNamed() throws Exception {
        ServerFiles files = TestCertificates.newAuthority().issue(dir, "RSA", KeyFormat.PKCS8);
        String pem = Files.readString(files.certificate());
        Path cut = Files.writeString(dir.resolve("cut.pem"), pem.substring(0, pem.indexOf("-----END CERTIFICATE-----") - 40));

        assertThatThrownBy(() -> PemKeyMaterial.read(cut, files.key()))
                .isInstanceOf(TlsFileException.class)
                .hasMessageStartingWith(cut + ": not a complete PEM file")
                .hasMessageContaining("END CERTIFICATE----- not found");
    }

    @Test
    void emptyMissingAndSwappedFilesAreNamed() throws Exception {
        ServerFiles files = TestCertificates.newAuthority().issue(dir, "RSA", KeyFormat.PKCS8);
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> PemKeyMaterial.read(empty, files.key())).hasMessage(empty + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in this file");
        assertThatThrownBy(() -> PemKeyMaterial.read(files.certificate(), missing)).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> PemKeyMaterial.read(files.certificate(), files.certificate()))
                .hasMessageStartingWith(files.certificate() + ": no PEM private key");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        TestCertificates ca = TestCertificates.newAuthority();
        ServerFiles first = ca.issue(dir.resolve("a"), "EC", KeyFormat.PKCS8);
        ServerFiles second = ca.issue(dir.resolve("b"), "EC", KeyFormat.PKCS8);

        assertThatThrownBy(() -> PemKeyMaterial.read(first.certificate(), second.key()))
                .hasMessage(second.key() + ": this private key does not belong to the certificate in " + first.certificate());
    }

    @Test
    void anEncryptedKeyIsRefusedWithTheReason() throws Exception {
        ServerFiles files = TestCertificates.newAuthority().issue(dir, "RSA", KeyFormat.PKCS1_OR_SEC1);
        // the form `openssl rsa -aes256` writes: a traditional key with DEK-Info (the body need not decrypt to be refused)
        String pem = Files.readString(files.key()).replace("-----BEGIN RSA PRIVATE KEY-----\n",
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n");
        Path encrypted = Files.writeString(dir.resolve("enc.pem"), pem);

        assertThatThrownBy(() -> PemKeyMaterial.read(files.certificate(), encrypted)).hasMessageContaining("is encrypted");
    }
}
