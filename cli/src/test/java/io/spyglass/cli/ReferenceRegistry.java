package io.spyglass.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-registry (CNCF distribution) on a free loopback port, anonymous, started by the
 * shared corpus script as the engine's registry tests do. Skipped when the package is absent.
 */
final class ReferenceRegistry implements AutoCloseable {
    private final Path dir;
    private final int port;

    private ReferenceRegistry(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static ReferenceRegistry start(Path dir) throws IOException {
        SharedData.require("corpus/local-registry.sh");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-registry")), "docker-registry (Debian package) not installed");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run(List.of(script(), "start", dir.toString(), String.valueOf(port)));
        return new ReferenceRegistry(dir, port);
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    /** Where the registry keeps a blob's bytes (distribution's filesystem driver layout). */
    Path blobData(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return dir.resolve("storage/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    @Override
    public void close() throws IOException {
        run(List.of(script(), "stop", dir.toString()));
    }

    private static String script() {
        return SharedData.require("corpus/local-registry.sh").toString();
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
