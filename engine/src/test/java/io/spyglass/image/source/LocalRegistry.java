package io.spyglass.image.source;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reference registry (Debian's docker-registry, CNCF distribution 2.8) started by the shared
 * corpus script on a free loopback port, and skopeo pushes through {@code push-image.sh}.
 * Tests using it are skipped when those tools are not installed.
 */
final class LocalRegistry implements AutoCloseable {
    private final Path dir;
    final int port;

    private LocalRegistry(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static void assumeAvailable() {
        SharedData.require("corpus/local-registry.sh");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-registry")), "docker-registry (Debian package) not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jq")), "jq not installed");
    }

    /** Starts a registry; with a user, it requires HTTP basic auth (htpasswd). */
    static LocalRegistry start(Path dir, String user, String password) throws IOException {
        assumeAvailable();
        if (user != null) assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd (apache2-utils) not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of(script("local-registry.sh"), "start", dir.toString(), String.valueOf(port)));
        if (user != null) args.addAll(List.of(user, password));
        run(args, Map.of());
        return new LocalRegistry(dir, port);
    }

    /** Where the registry keeps a blob's bytes (distribution's filesystem driver layout). */
    Path blobData(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return dir.resolve("storage/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    /** Pushes an OCI layout tag ({@code DIR:TAG}) to {@code repo:tag}; returns the manifest digest. */
    String push(String source, String repoAndTag, boolean all, String user, String password) throws IOException {
        List<String> args = new ArrayList<>(List.of(script("push-image.sh"), source, host() + "/" + repoAndTag));
        if (user != null) args.addAll(List.of(user, password));
        return run(args, all ? Map.of("ALL", "1") : Map.of()).strip();
    }

    @Override
    public void close() throws IOException {
        run(List.of(script("local-registry.sh"), "stop", dir.toString()), Map.of());
    }

    private static String script(String name) {
        return SharedData.require("corpus/" + name).toString();
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                throw new IOException(String.join(" ", command) + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
