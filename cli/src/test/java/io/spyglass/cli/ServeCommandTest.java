package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spyglass serve} that cannot start says why in one line, with no stack trace. */
class ServeCommandTest {

    @Test
    void aPortInUseIsOneClearLine(@TempDir Path data) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("serve",
                    "--port", String.valueOf(busy.getLocalPort()), "--data", data.toString(), "--offline"));
            assertThat(run.exitCode()).isEqualTo(1);
            // (Javalin logs its own "Failed to start Javalin" line before)
            assertThat(run.err()).contains("spyglass serve: cannot start: Port already in use")
                    .doesNotContain("\tat ", "Exception in thread");
        }
    }

    @Test
    void anUnusableBlobStoreAndDatabaseAreNamed(@TempDir Path data) {
        CliRun s3 = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("serve", "--port", "0",
                "--data", data.toString(), "--offline", "--blob-store", "s3://"));
        assertThat(s3.exitCode()).isEqualTo(1);
        assertThat(s3.err()).contains("spyglass serve: cannot start: ").contains("s3://").doesNotContain("\tat ");
        CliRun db = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("serve", "--port", "0",
                "--data", data.toString(), "--offline", "--db-url", "jdbc:mysql://localhost/x"));
        assertThat(db.exitCode()).isEqualTo(1);
        assertThat(db.err()).contains("unsupported database URL 'jdbc:mysql://localhost/x'").doesNotContain("\tat ");
    }

    @Test
    void aTruncatedCertificateIsNamedAndServeExits1(@TempDir Path data) throws Exception {
        var files = io.spyglass.server.tls.TestCertificates.newAuthority().issue(data.resolve("tls"), "RSA",
                io.spyglass.server.tls.TestCertificates.KeyFormat.PKCS8);
        String pem = java.nio.file.Files.readString(files.certificate());
        java.nio.file.Files.writeString(files.certificate(), pem.substring(0, pem.length() / 3));
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("serve", "--port", "0",
                "--data", data.toString(), "--offline", "--tls-cert", files.certificate().toString(), "--tls-key", files.key().toString()));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("spyglass serve: cannot start: " + files.certificate() + ": not a complete PEM file")
                .doesNotContain("\tat ");
        CliRun half = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("serve", "--port", "0",
                "--data", data.toString(), "--offline", "--tls-cert", files.certificate().toString()));
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).contains("TLS needs both --tls-cert and --tls-key");
    }
}
