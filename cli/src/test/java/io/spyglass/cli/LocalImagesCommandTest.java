package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.DockerDaemon;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code spyglass sbom docker:IMAGE} and bare names as a user runs them (own process, DOCKER_HOST
 * set), against Debian's dockerd on a private socket holding the corpus Alpine image; and each way a
 * daemon can be missing: one line on stderr, exit code 1.
 */
class LocalImagesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DockerDaemon daemon;
    private static Path layout;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        layout = SharedData.requireCorpus("alpine/oci");
        Path archive = SharedData.requireCorpus("alpine/alpine-3.20.3.docker.tar");
        daemon = DockerDaemon.start();
        daemon.require(null, "load", "--input", archive.toString());
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (daemon != null) daemon.close();
    }

    static String configDigest(Path layout) {
        return io.spyglass.testing.CorpusBuild.manifest(layout, "3.20.3").path("config").path("digest").asText();
    }

    private static List<String> purls(String cyclonedx) throws IOException {
        JsonNode bom = JSON.readTree(cyclonedx);
        List<String> out = new ArrayList<>();
        StreamSupport.stream(bom.path("components").spliterator(), false).forEach(c -> out.add(c.path("purl").asText()));
        return out.stream().sorted().toList();
    }

    @Test
    void dockerImageAndBareNameGiveTheSbomOfTheLayout() throws Exception {
        Map<String, String> env = Map.of("DOCKER_HOST", daemon.host());
        CliProcess fromLayout = CliProcess.run(env, "sbom", "oci-dir://" + layout + ":3.20.3", "--format", "cyclonedx");
        CliProcess fromDocker = CliProcess.run(env, "sbom", "docker:corpus/alpine:3.20.3", "--format", "cyclonedx");
        CliProcess bare = CliProcess.run(env, "sbom", "corpus/alpine:3.20.3", "--format", "json");
        assertThat(fromDocker.exitCode()).as(fromDocker.err()).isZero();
        assertThat(purls(fromDocker.out())).isNotEmpty().isEqualTo(purls(fromLayout.out()));
        // no server configured: a bare name is the daemon's image, known by its config digest (docker has no manifest)
        assertThat(bare.exitCode()).as(bare.err()).isZero();
        assertThat(JSON.readTree(bare.out()).path("image").path("digest").asText()).isEqualTo(configDigest(layout));
    }

    @Test
    void aConfiguredServerKeepsBareNamesForItsReports() throws Exception {
        CliProcess onServer = CliProcess.run(Map.of("DOCKER_HOST", daemon.host(), "SPYGLASS_SERVER", "http://127.0.0.1:1"),
                "sbom", "corpus/alpine:3.20.3");
        assertThat(onServer.exitCode()).isEqualTo(1);
        assertThat(onServer.err()).contains("127.0.0.1:1").doesNotContain("docker:");
    }

    @Test
    void missingDaemonMissingImageAndNoPermissionAreOneLineEach() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "nod");
        try {
            CliProcess noDaemon = CliProcess.run(Map.of("DOCKER_HOST", "unix://" + dir.resolve("none.sock")), "sbom", "docker:alpine");
            assertOneLine(noDaemon, "spyglass sbom: no Docker daemon at unix://" + dir.resolve("none.sock") + ": the socket does not exist");

            CliProcess noImage = CliProcess.run(Map.of("DOCKER_HOST", daemon.host()), "sbom", "docker:corpus/alpine:nope");
            assertOneLine(noImage, "spyglass sbom: the Docker daemon has no image 'corpus/alpine:nope'");

            // a socket of another user, mode 600, for a root without CAP_DAC_OVERRIDE: what a user outside the docker group meets
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && "root".equals(System.getProperty("user.name")),
                    "needs root and setpriv to drop the capability that passes file permissions");
            Path socket = dir.resolve("locked.sock");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                UserPrincipalLookupService users = socket.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(socket, users.lookupPrincipalByName("nobody"));
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
                List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"));
                cmd.addAll(CliProcess.command());
                cmd.addAll(List.of("sbom", "docker:alpine"));
                CliProcess denied = CliProcess.exec(cmd, Map.of("DOCKER_HOST", "unix://" + socket));
                assertOneLine(denied, "spyglass sbom: permission denied on unix://" + socket + ": this user may not use the Docker daemon");
            }
        } finally {
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
        }
    }

    private static void assertOneLine(CliProcess run, String start) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).as(run.err()).hasSize(1).first().asString().startsWith(start);
    }
}
