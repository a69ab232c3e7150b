package io.spyglass.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real podman client, once: {@code podman login} (token auth), {@code podman push} of a corpus
 * image, and {@code podman pull} back into an emptied store. Podman runs daemonless with the vfs
 * driver and its own storage in a temp folder, so it touches nothing on the machine.
 */
class PodmanPushTest {
    @TempDir
    Path dir;

    @Test
    void podmanLogsInPushesAndPullsBack() throws Exception {
        assumeTrue(onPath("podman"), "podman is not installed (scripts/test installs it)");
        Path layout = SharedData.requireCorpus("alpine/oci");
        try (ServerFixture server = ServerFixture.sqliteAndFolder(dir.resolve("data"))) {
            ServerFixture.Account alice = server.newUser("podman");
            String image = server.host() + "/" + alice.name() + "/alpine:pushed";
            Path auth = dir.resolve("auth.json");
            Files.writeString(auth, "{}");

            String id = podman(null, "pull", "-q", "oci:" + layout + ":3.20.3").strip();
            Result anonymous = run(null, "push", "--tls-verify=false", "--authfile", auth.toString(), id, "docker://" + image);
            assertThat(anonymous.exit()).as("push without login must fail: " + anonymous.output()).isNotZero();

            podman(alice.password(), "login", "--tls-verify=false", "--authfile", auth.toString(), "-u", alice.name(),
                    "--password-stdin", server.host());
            Path digestFile = dir.resolve("digest");
            podman(null, "push", "--tls-verify=false", "--authfile", auth.toString(), "--digestfile", digestFile.toString(),
                    id, "docker://" + image);
            String digest = Files.readString(digestFile).strip();
            HttpResponse<byte[]> head = server.send("HEAD", "/v2/" + alice.name() + "/alpine/manifests/pushed", alice.basic(), null);
            assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(digest);

            podman(null, "rmi", "-f", id);
            String pulled = podman(null, "pull", "-q", "--tls-verify=false", "--authfile", auth.toString(), "docker://" + image).strip();
            assertThat(pulled).as("image id (config digest) after the round trip").isEqualTo(id);
        }
    }

    private record Result(int exit, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private String podman(String stdin, String... args) throws IOException, InterruptedException {
        Result r = run(stdin, args);
        if (r.exit() != 0) throw new AssertionError("podman " + String.join(" ", args) + " failed:\n" + r.output());
        return r.stdout();
    }

    private Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("podman", "--root", dir.resolve("root").toString(),
                "--runroot", dir.resolve("runroot").toString(), "--storage-driver", "vfs", "--tmpdir", dir.resolve("tmp").toString(),
                "--events-backend", "none", "--cgroup-manager", "cgroupfs"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "podman", ".out");
        Path err = Files.createTempFile(dir, "podman", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        Path registries = dir.resolve("registries.conf");
        if (!Files.exists(registries)) Files.writeString(registries, "");
        // no short-name lookups, no mirrors from the machine's configuration
        pb.environment().put("CONTAINERS_REGISTRIES_CONF", registries.toString());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("podman timed out: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }
}
