package io.spyglass.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.catalog.Catalogers;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.walk.ImageCataloger;
import io.spyglass.catalog.walk.WalkLimits;
import io.spyglass.image.Platform;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.CorpusBuild;
import io.spyglass.testing.DockerDaemon;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker:IMAGE} and bare names against Debian's dockerd on a private socket, holding the corpus
 * Alpine image as {@code docker load} put it there: the SBOM must be the one of the same image read
 * from its OCI layout.
 */
class DaemonSourceTest {
    private static final String TAG = "3.20.3";
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

    static Sbom sbom(ImageSource source) throws IOException {
        try (source) {
            return new ImageCataloger(Catalogers.all(), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
    }

    static List<String> packages(Sbom sbom) {
        return sbom.packages().stream().map(Package::purl).sorted().toList();
    }

    private static Map<String, String> env() {
        return Map.of("DOCKER_HOST", daemon.host());
    }

    @Test
    void dockerImageHasTheSbomOfItsLayout() throws IOException {
        Sbom fromLayout = sbom(OciLayoutSource.open(layout, TAG));
        List<String> before = spools();
        Sbom fromDaemon = sbom(ImageReference.parse("docker:corpus/alpine:" + TAG, env()).open(RegistryOptions.ANONYMOUS));

        assertThat(packages(fromDaemon)).isNotEmpty().isEqualTo(packages(fromLayout));
        assertThat(fromDaemon.distro()).isEqualTo(fromLayout.distro());
        assertThat(fromDaemon.image().reference()).isEqualTo("docker:corpus/alpine:" + TAG);
        // docker keeps the config as loaded: the image id is the layout's config digest
        assertThat(fromDaemon.image().digest().toString())
                .isEqualTo(CorpusBuild.manifest(layout, TAG).get("config").get("digest").asText());
        assertThat(spools()).as("the saved tar is deleted after the walk").isEqualTo(before);
    }

    @Test
    void aBareNameIsTheDaemonsWhenItHasIt() throws IOException {
        try (ImageSource source = ImageReference.parse("corpus/alpine:" + TAG, env()).open(RegistryOptions.ANONYMOUS)) {
            assertThat(source.describe()).isEqualTo("docker:corpus/alpine:" + TAG);
        }
        // not in the daemon: the registry it names is asked (here one that does not listen)
        ImageSource remote = ImageReference.parse("127.0.0.1:1/corpus/alpine:" + TAG, env()).open(RegistryOptions.ANONYMOUS);
        assertThat(remote.describe()).isEqualTo("registry://127.0.0.1:1/corpus/alpine:" + TAG);
        remote.close();
    }

    @Test
    void anImageTheDaemonLacksIsNamed() {
        List<String> before = spools();
        assertThatThrownBy(() -> ImageReference.parse("docker:corpus/alpine:nope", env()).open(RegistryOptions.ANONYMOUS))
                .isInstanceOf(ImageSourceException.class)
                .hasMessageStartingWith("the Docker daemon has no image 'corpus/alpine:nope'");
        assertThat(spools()).isEqualTo(before);
    }

    @Test
    void aDaemonThatIsNotThereIsNamed() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "nod");
        try {
            Path missing = dir.resolve("missing.sock");
            assertThatThrownBy(() -> ImageReference.parse("docker:alpine", Map.of("DOCKER_HOST", "unix://" + missing)).open(RegistryOptions.ANONYMOUS))
                    .hasMessage("no Docker daemon at unix://" + missing + ": the socket does not exist (is it running? DOCKER_HOST names another daemon)");
            // a socket file left behind by a daemon that stopped
            Path stale = dir.resolve("stale.sock");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(stale));
            }
            assertThatThrownBy(() -> ImageReference.parse("docker:alpine", Map.of("DOCKER_HOST", "unix://" + stale)).open(RegistryOptions.ANONYMOUS))
                    .hasMessageStartingWith("the Docker daemon at unix://" + stale + " is not running (connection refused");
            assertThatThrownBy(() -> ImageReference.parse("docker:alpine", Map.of("DOCKER_HOST", "ssh://me@host")).open(RegistryOptions.ANONYMOUS))
                    .hasMessageContaining("ssh:// is not");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The spooled save tars in the temp folder. */
    static List<String> spools() {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("spyglass-daemon-")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
