package io.spyglass.cli.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real podman, rootful, with its own storage in a temporary folder so tests touch nobody else's images.
 * Flags needed on this kind of machine (a sandbox without CAP_SYS_RESOURCE, cgroup v1 with a cgroup2 mount):
 * runc, because crun 1.8 refuses "cgroups in hybrid mode"; cgroupfs, as there is no systemd; and
 * {@link #ULIMITS}, because podman's default rlimits for root (nofile 1048576, nproc 4194304) lie above
 * the sandbox's hard limits, which only CAP_SYS_RESOURCE may raise.
 */
final class Podman implements AutoCloseable {
    /** Below the hard limits seen here (nofile 20000, nproc 96367), ample for one server. */
    static final List<String> ULIMITS = List.of("--ulimit", "nofile=8192:8192", "--ulimit", "nproc=4096:4096");

    record Result(int exit, String output) {}

    private final Path dir;

    Podman(Path dir) {
        this.dir = dir;
    }

    static void assumeInstalled() {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "podman"))) found = true;
        }
        assumeTrue(found, "podman is not installed (scripts/test installs it)");
    }

    Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("podman", "--root", dir.resolve("root").toString(),
                "--runroot", dir.resolve("run").toString(), "--tmpdir", dir.toString(),
                "--cgroup-manager", "cgroupfs", "--events-backend", "none", "--runtime", "runc"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "podman", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("podman timed out: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    /** Runs and requires exit 0; returns the output. */
    String ok(String stdin, String... args) throws IOException, InterruptedException {
        Result r = run(stdin, args);
        if (r.exit() != 0) throw new AssertionError("podman " + String.join(" ", args) + " exited " + r.exit() + ":\n" + r.output());
        return r.output();
    }

    /** Removes every container, volume and image of this storage (its folder is a @TempDir). */
    @Override
    public void close() throws IOException, InterruptedException {
        run(null, "rm", "--force", "--all");
        run(null, "volume", "rm", "--force", "--all");
        run(null, "rmi", "--force", "--all");
    }
}
