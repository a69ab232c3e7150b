package io.spyglass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.testing.DockerDaemon;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spyglass install docker-plugin}, then Debian's real {@code docker} CLI running
 * {@code docker spyglass …} against a private dockerd: docker's plugin protocol, and the daemon
 * chosen by DOCKER_HOST, {@code -H} and docker contexts.
 */
class DockerPluginTest {
    private static final Path DOCKER = Path.of("/usr/bin/docker");
    private static final String IMAGE = "corpus/alpine:3.20.3";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dockerConfig;
    @TempDir static Path db;
    private static DockerDaemon daemon;
    private static Path layout;

    @BeforeAll
    static void install() throws IOException, InterruptedException {
        layout = SharedData.requireCorpus("alpine/oci");
        Path archive = SharedData.requireCorpus("alpine/alpine-3.20.3.docker.tar");
        assumeTrue(Files.isExecutable(DOCKER), "Debian's docker CLI is not installed (/usr/bin/docker)");
        Path secdb = SharedData.require("data/advisories/alpine-secdb");
        assertThat(CliRun.of("db", "--db", db.toString(), "import", "--source", "alpine", secdb.toString()).exitCode()).isZero();
        daemon = DockerDaemon.start();
        daemon.require(null, "load", "--input", archive.toString());
        CliRun installed = CliRun.of("install", "docker-plugin", "--docker-config", dockerConfig.toString());
        assertThat(installed.exitCode()).as(installed.err()).isZero();
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (daemon != null) daemon.close();
    }

    /** {@code docker ARGS} as a user types it: DOCKER_CONFIG with the plugin, the test's database. */
    private static CliProcess docker(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(DOCKER.toString()));
        cmd.addAll(List.of(args));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("DOCKER_CONFIG", dockerConfig.toString());
        all.put("SPYGLASS_DB", db.toString());
        return CliProcess.exec(cmd, all);
    }

    @Test
    void pluginSpeaksDockersProtocol() throws Exception {
        Path plugin = dockerConfig.resolve("cli-plugins/docker-spyglass");
        assertThat(Files.isExecutable(plugin)).isTrue();
        CliProcess metadata = CliProcess.exec(List.of(plugin.toString(), "docker-cli-plugin-metadata"), Map.of());
        JsonNode json = JSON.readTree(metadata.out());
        assertThat(json.path("SchemaVersion").asText()).isEqualTo("0.1.0");
        assertThat(json.path("Vendor").asText()).isEqualTo("Spyglass");
        assertThat(json.path("Version").asText()).isEqualTo(Main.VERSION);
        assertThat(json.path("ShortDescription").asText()).contains("quickview");
        // docker lists it among its commands
        assertThat(docker(Map.of(), "--help").out()).containsPattern("spyglass\\*?\\s+Spyglass");
    }

    @Test
    void quickviewOfALocalImageThroughDocker() throws Exception {
        CliProcess viaDocker = docker(Map.of("DOCKER_HOST", daemon.host()), "spyglass", "quickview", IMAGE);
        assertThat(viaDocker.exitCode()).as(viaDocker.err()).isZero();
        assertThat(viaDocker.out()).contains("docker:" + IMAGE, "alpine 3.20");
        System.out.println("docker spyglass quickview " + IMAGE + ":\n" + viaDocker.out());
        // the same report as for the image's OCI layout, but for the lines naming where it was read
        CliRun fromLayout = CliRun.of("quickview", "oci-dir://" + layout + ":3.20.3", "--db", db.toString());
        assertThat(withoutSourceLines(viaDocker.out())).isEqualTo(withoutSourceLines(fromLayout.out()));
    }

    @Test
    void dockersContextAndHostChooseTheDaemon() throws Exception {
        // a context made by docker itself, chosen with --context, then as the current context
        assertThat(docker(Map.of(), "context", "create", "spy", "--docker", "host=" + daemon.host()).exitCode()).isZero();
        CliProcess byFlag = docker(Map.of(), "--context", "spy", "spyglass", "sbom", IMAGE, "--format", "json");
        assertThat(byFlag.exitCode()).as(byFlag.err()).isZero();
        assertThat(JSON.readTree(byFlag.out()).path("image").path("digest").asText()).isEqualTo(LocalImagesCommandTest.configDigest(layout));
        assertThat(docker(Map.of(), "context", "use", "spy").exitCode()).isZero();
        try {
            CliProcess current = docker(Map.of(), "spyglass", "cves", IMAGE);
            assertThat(current.exitCode()).as(current.err()).isZero();
        } finally {
            docker(Map.of(), "context", "use", "default");
        }
        // -H wins over DOCKER_HOST, as in docker: here it names a daemon that is not there
        CliProcess byHost = docker(Map.of("DOCKER_HOST", daemon.host()), "-H", "unix:///nonexistent/d.sock", "spyglass", "sbom", "docker:" + IMAGE);
        assertThat(byHost.exitCode()).isEqualTo(1);
        assertThat(byHost.err().strip()).isEqualTo("spyglass sbom: no Docker daemon at unix:///nonexistent/d.sock: the socket does not exist "
                + "(is it running? DOCKER_HOST names another daemon)");
    }

    private static String withoutSourceLines(String quickview) {
        return String.join("\n", Arrays.stream(quickview.split("\n")).filter(l -> !l.startsWith("image ") && !l.startsWith("digest ")).toList());
    }
}
