package io.spyglass.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Docker daemon for one test: Debian's {@code dockerd} (it starts its own containerd)
 * with the vfs driver, no iptables and no bridge, its socket, data and state in a short temp
 * folder (unix socket paths are limited to 108 bytes), stopped and removed on {@link #close()}.
 * {@link #docker} runs Debian's client ({@code /usr/bin/docker}, not whatever comes first on PATH)
 * against it, with its own {@code DOCKER_CONFIG}, so {@code docker login} stores credentials
 * there and nowhere else. Skips the test when dockerd is missing or we are not root.
 */
public final class DockerDaemon implements AutoCloseable {
    private static final Path DOCKERD = Path.of("/usr/sbin/dockerd");
    private static final Path CLIENT = Path.of("/usr/bin/docker");

    private final Path root;
    private final Process daemon;

    /** What a docker command printed and how it ended. */
    public record Result(int exit, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    private DockerDaemon(Path root, Process daemon) {
        this.root = root;
        this.daemon = daemon;
    }

    /** Starts a daemon and waits until it answers; skips the calling test where that cannot work. */
    public static DockerDaemon start() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(DOCKERD) && Files.isExecutable(CLIENT),
                "Debian's docker.io is not installed (/usr/sbin/dockerd, /usr/bin/docker; scripts/test installs it)");
        assumeTrue("root".equals(System.getProperty("user.name")), "dockerd needs root");
        Path root = Files.createTempDirectory(Path.of("/tmp"), "dk");
        Files.createDirectories(root.resolve("config"));
        List<String> cmd = List.of(DOCKERD.toString(), "--storage-driver", "vfs", "--iptables=false", "--bridge=none",
                "--host", "unix://" + root.resolve("d.sock"), "--data-root", root.resolve("root").toString(),
                "--exec-root", root.resolve("exec").toString(), "--pidfile", root.resolve("d.pid").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(root.resolve("dockerd.log").toFile()).start();
        DockerDaemon d = new DockerDaemon(root, p);
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                String log = Files.readString(root.resolve("dockerd.log"));
                d.close();
                throw new IllegalStateException("dockerd exited at start:\n" + log);
            }
            if (Files.exists(root.resolve("d.sock")) && d.docker(null, "version").exit() == 0) return d;
            Thread.sleep(200);
        }
        d.close();
        throw new IllegalStateException("dockerd did not answer within a minute");
    }

    /** Runs {@code docker ARGS} against this daemon; {@code stdin} (a password for --password-stdin) or null. */
    public Result docker(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CLIENT.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("DOCKER_HOST", host());
        pb.environment().put("DOCKER_CONFIG", root.resolve("config").toString());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("docker timed out: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Like {@link #docker} but fails with the output unless the command succeeds; its stdout. */
    public String require(String stdin, String... args) throws IOException, InterruptedException {
        Result r = docker(stdin, args);
        if (r.exit() != 0) throw new AssertionError("docker " + String.join(" ", args) + " failed:\n" + r.output());
        return r.stdout();
    }

    /** {@code unix://…} for DOCKER_HOST. */
    public String host() {
        return "unix://" + root.resolve("d.sock");
    }

    /** The client's config folder (credentials of {@code docker login}). */
    public Path configDir() {
        return root.resolve("config");
    }

    @Override
    public void close() throws InterruptedException, IOException {
        daemon.destroy();    // SIGTERM: dockerd stops its containerd and unmounts
        if (!daemon.waitFor(60, TimeUnit.SECONDS)) daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        new ProcessBuilder("rm", "-rf", "--one-file-system", root.toString()).inheritIO().start().waitFor(2, TimeUnit.MINUTES);
    }
}
