package io.spyglass.server.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spyglass.server.ServerConfig;
import io.spyglass.server.registry.ServerFixture;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.server.tls.TestCertificates;
import io.spyglass.server.tls.TestCertificates.KeyFormat;
import io.spyglass.server.tls.TestCertificates.ServerFiles;
import io.spyglass.server.tls.TlsConfig;
import io.spyglass.testing.DockerDaemon;
import io.spyglass.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real registry clients over TLS, verifying the server's certificate against a test CA they are
 * given the way their users give it: skopeo's {@code --dest-cert-dir}/{@code --src-cert-dir}, and
 * docker's {@code /etc/docker/certs.d/HOST:PORT/ca.crt}.
 */
class TlsClientsTest {
    @TempDir
    Path dir;

    private ServerFixture tlsServer(TestCertificates ca, String... names) throws Exception {
        ServerFiles files = ca.issue(dir.resolve("tls"), "EC", KeyFormat.PKCS1_OR_SEC1, names);
        return ServerFixture.start(new ServerConfig(0, dir.resolve("data"))
                .withListening(Listening.tls(new TlsConfig(files.certificate(), files.key()))));
    }

    @Test
    void skopeoCopiesToAndFromTheTlsServer() throws Exception {
        Skopeo.assumeInstalled();
        Path layout = SharedData.requireCorpus("alpine/oci");
        TestCertificates ca = TestCertificates.newAuthority();
        Path caDir = dir.resolve("ca");
        ca.writeCa(caDir.resolve("ca.crt"));
        try (ServerFixture server = tlsServer(ca)) {
            ServerFixture.Account alice = server.newUser("tls");
            String host = "localhost:" + server.server().port();
            Path auth = Skopeo.authFile(dir, host, alice.name(), alice.password());
            String image = "docker://" + host + "/" + alice.name() + "/alpine:tls";

            Skopeo.Result untrusted = Skopeo.run(dir, "copy", "--retry-times", "0", "--dest-authfile", auth.toString(),
                    "oci:" + layout + ":3.20.3", image);
            assertThat(untrusted.exit()).as(untrusted.output()).isNotZero();
            assertThat(untrusted.output()).contains("x509");

            Skopeo.Result push = Skopeo.run(dir, "copy", "--retry-times", "0", "--dest-cert-dir", caDir.toString(),
                    "--dest-authfile", auth.toString(), "oci:" + layout + ":3.20.3", image);
            assertThat(push.exit()).as(push.output()).isZero();
            Skopeo.Result pull = Skopeo.run(dir, "copy", "--retry-times", "0", "--src-cert-dir", caDir.toString(),
                    "--src-authfile", auth.toString(), image, "dir:" + dir.resolve("pulled"));
            assertThat(pull.exit()).as(pull.output()).isZero();
            String config = io.spyglass.testing.CorpusBuild.manifest(layout, "3.20.3").path("config").path("digest").asText();
            assertThat(dir.resolve("pulled").resolve(config.substring("sha256:".length()))).exists();
        }
    }

    @Test
    void dockerLogsInPushesAndPullsWithTheCaInCertsD() throws Exception {
        Path archive = SharedData.requireCorpus("alpine/alpine-3.20.3.docker.tar");
        // docker trusts every 127.0.0.0/8 registry without checking its certificate: use an outward address
        String address = TestCertificates.outwardAddress();
        assumeTrue(address != null, "no non-loopback IPv4 address to reach the registry by");
        TestCertificates ca = TestCertificates.newAuthority();
        try (ServerFixture server = tlsServer(ca, address); DockerDaemon docker = DockerDaemon.start()) {
            ServerFixture.Account bob = server.newUser("dock");
            String registry = address + ":" + server.server().port();
            Path certsD = Path.of("/etc/docker/certs.d", registry);
            try {
                DockerDaemon.Result untrusted = docker.docker(bob.password(), "login", "-u", bob.name(), "--password-stdin", registry);
                assertThat(untrusted.exit()).as(untrusted.output()).isNotZero();
                assertThat(untrusted.output()).contains("x509");

                ca.writeCa(certsD.resolve("ca.crt"));
                docker.require(bob.password(), "login", "-u", bob.name(), "--password-stdin", registry);
                assertThat(Files.readString(docker.configDir().resolve("config.json"))).contains(registry);

                docker.require(null, "load", "-i", archive.toString());
                String image = registry + "/" + bob.name() + "/alpine:tls";
                docker.require(null, "tag", "corpus/alpine:3.20.3", image);
                String id = docker.require(null, "image", "inspect", "-f", "{{.Id}}", image).strip();
                docker.require(null, "push", image);
                docker.require(null, "rmi", image, "corpus/alpine:3.20.3");
                docker.require(null, "pull", image);
                assertThat(docker.require(null, "image", "inspect", "-f", "{{.Id}}", image).strip()).isEqualTo(id);
            } finally {
                Files.deleteIfExists(certsD.resolve("ca.crt"));
                Files.deleteIfExists(certsD);
            }
        }
    }
}
