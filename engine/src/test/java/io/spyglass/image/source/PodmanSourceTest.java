package io.spyglass.image.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spyglass.sbom.Sbom;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code podman:IMAGE} with Debian's podman (rootful, vfs, its storage in a temp folder named by
 * CONTAINERS_STORAGE_CONF): through {@code podman image save} when no socket runs, and through
 * podman's docker-compatible API socket ({@code podman system service}) when one does.
 */
class PodmanSourceTest {
    private static final String TAG = "3.20.3";
    private static Path work;
    private static Map<String, String> env;
    private static Path layout;

    @BeforeAll
    static void load() throws IOException, InterruptedException {
        layout = SharedData.requireCorpus("alpine/oci");
        Path archive = SharedData.requireCorpus("alpine/alpine-3.20.3.docker.tar");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/podman")), "podman is not installed (apt-get install podman)");
        assumeTrue("root".equals(System.getProperty("user.name")), "the test runs podman rootful");
        work = Files.createTempDirectory(Path.of("/tmp"), "pd");
        Path conf = work.resolve("storage.conf");
        Files.writeString(conf, "[storage]\ndriver = \"vfs\"\ngraphroot = \"" + work.resolve("root") + "\"\nrunroot = \"" + work.resolve("run") + "\"\n");
        env = new HashMap<>(System.getenv());
        env.put("CONTAINERS_STORAGE_CONF", conf.toString());
        env.remove("CONTAINER_HOST");
        env.put("XDG_RUNTIME_DIR", work.resolve("xdg").toString());
        int exit = podman("load", "--quiet", "--input", archive.toString()).waitFor();
        assumeTrue(exit == 0, "podman cannot load images here: " + Files.readString(work.resolve("podman.log")));
    }

    private static Process podman(String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(args).stream().reduce(new java.util.ArrayList<>(List.of("podman")),
                (l, a) -> { l.add(a); return l; }, (a, b) -> a)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("podman.log").toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb.start();
    }

    @AfterAll
    static void clean() throws IOException, InterruptedException {
        if (work == null) return;
        podman("system", "reset", "--force").waitFor(2, TimeUnit.MINUTES);
        new ProcessBuilder("rm", "-rf", "--one-file-system", work.toString()).inheritIO().start().waitFor(2, TimeUnit.MINUTES);
    }

    @Test
    void podmanImageSaveWhenNoSocketRuns() throws IOException {
        Sbom fromLayout = DaemonSourceTest.sbom(OciLayoutSource.open(layout, TAG));
        Sbom fromPodman = DaemonSourceTest.sbom(ImageReference.parse("podman:corpus/alpine:" + TAG, env).open(RegistryOptions.ANONYMOUS));
        assertThat(DaemonSourceTest.packages(fromPodman)).isNotEmpty().isEqualTo(DaemonSourceTest.packages(fromLayout));
        assertThat(fromPodman.image().reference()).isEqualTo("podman:corpus/alpine:" + TAG);

        assertThatThrownBy(() -> ImageReference.parse("podman:corpus/alpine:nope", env).open(RegistryOptions.ANONYMOUS))
                .hasMessageStartingWith("podman image save corpus/alpine:nope failed: ").hasMessageContaining("nope");
    }

    @Test
    void podmanApiSocket() throws IOException, InterruptedException {
        Path socket = work.resolve("p.sock");
        Process service = podman("system", "service", "--time=0", "unix://" + socket);
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!Files.exists(socket) && System.currentTimeMillis() < deadline && service.isAlive()) Thread.sleep(100);
            assumeTrue(Files.exists(socket), "podman system service did not start: " + Files.readString(work.resolve("podman.log")));
            Map<String, String> withSocket = new HashMap<>(env);
            withSocket.put("CONTAINER_HOST", "unix://" + socket);
            withSocket.put("PATH", "/nonexistent"); // the socket alone must do: no podman command
            Sbom fromLayout = DaemonSourceTest.sbom(OciLayoutSource.open(layout, TAG));
            Sbom fromApi = DaemonSourceTest.sbom(ImageReference.parse("podman:corpus/alpine:" + TAG, withSocket).open(RegistryOptions.ANONYMOUS));
            assertThat(DaemonSourceTest.packages(fromApi)).isNotEmpty().isEqualTo(DaemonSourceTest.packages(fromLayout));
            assertThatThrownBy(() -> ImageReference.parse("podman:corpus/alpine:nope", withSocket).open(RegistryOptions.ANONYMOUS))
                    .hasMessageStartingWith("the podman daemon has no image 'corpus/alpine:nope'");
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
