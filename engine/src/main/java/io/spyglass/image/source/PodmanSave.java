package io.spyglass.image.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code podman image save} for when podman runs no API socket (podman has no daemon by default):
 * the same {@code docker save} tar, written by the podman command. podman's own storage settings
 * ({@code CONTAINERS_STORAGE_CONF}, …) apply as they would in a shell.
 */
final class PodmanSave {
    private PodmanSave() {}

    /** {@code env}: the environment podman runs with (its storage settings, XDG_RUNTIME_DIR, …). */
    static DaemonSource open(String name, String description, Map<String, String> env) throws IOException {
        return DaemonSource.spool(target -> save(name, target, env), description);
    }

    private static void save(String name, Path target, Map<String, String> env) throws IOException {
        Path stderr = Files.createTempFile("spyglass-podman-", ".err");
        try {
            // podman refuses to overwrite nothing: it wants to create the file itself
            Files.deleteIfExists(target);
            Process p;
            try {
                ProcessBuilder pb = new ProcessBuilder(List.of("podman", "image", "save", "--quiet", "--format", "docker-archive", "--output",
                        target.toString(), name)).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
                pb.environment().clear();
                pb.environment().putAll(env);
                p = pb.start();
            } catch (IOException e) {
                throw new ImageSourceException("podman: no API socket (CONTAINER_HOST, $XDG_RUNTIME_DIR/podman/podman.sock, "
                        + DaemonEndpoint.PODMAN_ROOT_SOCKET + ") and no podman command to run", e);
            }
            boolean done = p.waitFor(30, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly();
                throw new ImageSourceException("podman image save " + name + " did not finish within 30 minutes");
            }
            if (p.exitValue() != 0) {
                String err = Files.readString(stderr, StandardCharsets.UTF_8).strip().replaceAll("\\s*\n\\s*", "; ");
                throw new ImageSourceException("podman image save " + name + " failed: " + (err.isEmpty() ? "exit " + p.exitValue() : err));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while podman saved " + name, e);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
