package io.spyglass.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.server.registry.Skopeo;
import io.spyglass.testing.CorpusBuild;
import io.spyglass.testing.SharedData;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built image under real podman: its config is what the README promises, it serves from the /data
 * volume as the non-root user, its health check turns healthy, and an image pushed to it with skopeo
 * gets an analysis report over the JSON API.
 */
class ContainerImageIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "container-test-password";

    @TempDir
    Path dir;

    @Test
    void servesFromTheDataVolumeAndAnalysesAPushedImage() throws Exception {
        Podman.assumeInstalled();
        Skopeo.assumeInstalled();
        Path tar = BuiltImage.dockerTar();
        Path layout = SharedData.requireCorpus("debian/oci");
        try (Podman podman = new Podman(dir)) {
            String loaded = podman.ok(null, "load", "--input", tar.toString());
            String image = loaded.lines().filter(l -> l.startsWith("Loaded image")).findFirst().orElseThrow()
                    .replaceFirst("^Loaded image[^:]*: ", "").trim();

            JsonNode config = JSON.readTree(podman.ok(null, "image", "inspect", image)).get(0).path("Config");
            assertThat(config.path("User").asText()).isEqualTo("10001:10001");
            assertThat(config.path("Volumes").has("/data")).isTrue();
            assertThat(config.path("ExposedPorts").has("5000/tcp")).isTrue();
            assertThat(config.path("Cmd").toString()).isEqualTo("[\"serve\"]");
            assertThat(config.path("Entrypoint").get(0).asText()).isEqualTo("/opt/java/bin/java");
            assertThat(config.path("Env").toString()).contains("SPYGLASS_DATA=/data");

            podman.ok(null, "volume", "create", "spyglass-data");
            // admin commands through the image's own entrypoint, on the same volume the server uses
            admin(podman, image, PASSWORD + "\n", "user", "create", "alice", "--password-stdin");
            admin(podman, image, null, "org", "create", "acme", "--plan", "team", "--owner", "alice");

            int port = freePort();
            List<String> serve = new ArrayList<>(List.of("run", "--detach", "--name", "spyglass", "--network", "host",
                    "--volume", "spyglass-data:/data", "--env", "SPYGLASS_PORT=" + port, "--env", "SPYGLASS_OFFLINE=true"));
            serve.addAll(Podman.ULIMITS);
            serve.add(image);
            podman.ok(null, serve.toArray(String[]::new));
            awaitHealthy(podman);
            // the server process runs as the image's user, not root
            // huser: the uid as the host sees it (the container's passwd names it spyglass)
            String user = podman.ok(null, "top", "spyglass", "huser", "args");
            assertThat(user).contains("10001").contains("io.spyglass.cli.Main serve");

            String repo = "acme/debian";
            String digest = Skopeo.push(dir, "oci:" + layout + ":bookworm", "127.0.0.1:" + port + "/" + repo + ":bookworm",
                    Skopeo.authFile(dir, "127.0.0.1:" + port, "alice", PASSWORD));
            HttpResponse<String> set = api(port, "PUT", "/api/repositories/" + repo + "/settings", "{\"imageInsight\":\"advanced\"}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

            JsonNode report = awaitReport(port, repo, "bookworm");
            JsonNode analysed = report.path("images").get(0);
            assertThat(analysed.path("digest").asText()).isEqualTo(digest);
            List<String> names = new ArrayList<>();
            analysed.path("packages").forEach(p -> names.add(p.path("type").asText() + ":" + p.path("name").asText() + "@" + p.path("version").asText()));
            assertThat(names).contains("deb:base-files@" + CorpusBuild.debianVersion("base-files"), "deb:apt@" + CorpusBuild.debianVersion("apt"));

            // the data is on the volume: the blobs and the database outlive the container
            podman.ok(null, "rm", "--force", "spyglass");
            String listing = admin(podman, image, null, "user", "list");
            assertThat(listing).contains("alice");
        }
    }

    static String admin(Podman podman, String image, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("run", "--rm", "--interactive", "--network", "none", "--volume", "spyglass-data:/data"));
        cmd.addAll(Podman.ULIMITS);
        cmd.add(image);
        cmd.add("admin");
        cmd.addAll(List.of(args));
        return podman.ok(stdin, cmd.toArray(String[]::new));
    }

    /** Polls the image's own health check (podman runs its Test command in the container). */
    static void awaitHealthy(Podman podman) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        Podman.Result last = null;
        while (System.currentTimeMillis() < deadline) {
            last = podman.run(null, "healthcheck", "run", "spyglass");
            if (last.exit() == 0) return;
            Thread.sleep(1000);
        }
        throw new AssertionError("never healthy; last check: " + last.output() + "\nlogs:\n" + podman.run(null, "logs", "spyglass").output());
    }

    static JsonNode awaitReport(int port, String repo, String tag) throws Exception {
        long deadline = System.currentTimeMillis() + 300_000;
        String status = "";
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = api(port, "GET", "/api/repositories/" + repo + "/tags/" + tag, null);
            if (r.statusCode() == 200) {
                JsonNode report = JSON.readTree(r.body());
                status = report.path("summary").path("status").asText();
                if (status.equals("done")) return report;
                assertThat(status).as(r.body()).isNotEqualTo("failed");
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no report for " + repo + ":" + tag + " within five minutes (status '" + status + "')");
    }

    static HttpResponse<String> api(int port, String method, String path, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + basic)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
