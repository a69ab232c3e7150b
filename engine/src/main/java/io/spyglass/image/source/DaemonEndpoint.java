package io.spyglass.image.source;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a daemon that speaks the Docker Engine API listens: a unix socket or a plain tcp
 * {@code host:port}, written as {@code DOCKER_HOST} writes it ({@code unix:///var/run/docker.sock},
 * {@code tcp://127.0.0.1:2375}). {@code daemon} names it in messages ("Docker", "podman").
 */
public record DaemonEndpoint(String daemon, Path socket, String host, int port) {
    static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");
    static final Path PODMAN_ROOT_SOCKET = Path.of("/run/podman/podman.sock");

    public DaemonEndpoint {
        if ((socket == null) == (host == null)) throw new IllegalArgumentException("a daemon endpoint is a unix socket or a tcp host");
    }

    /** Parses a {@code DOCKER_HOST}-style address; the error names the forms accepted. */
    public static DaemonEndpoint parse(String daemon, String address) {
        String a = address.strip();
        if (a.startsWith("unix://")) return new DaemonEndpoint(daemon, Path.of(a.substring("unix://".length())), null, 0);
        if (a.startsWith("tcp://")) {
            URI uri = URI.create("http://" + a.substring("tcp://".length()));
            if (uri.getHost() == null) throw new IllegalArgumentException("no host in " + daemon + " address '" + address + "'");
            return new DaemonEndpoint(daemon, null, uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort());
        }
        throw new IllegalArgumentException(daemon + " address '" + address + "' is not supported: use unix:///PATH or tcp://HOST:PORT"
                + (a.startsWith("ssh://") ? " (ssh:// is not, forward the socket with ssh -L instead)" : ""));
    }

    /** The Docker daemon: {@code DOCKER_HOST}, else {@code /var/run/docker.sock}. TLS ({@code DOCKER_TLS_VERIFY}) is refused. */
    public static DaemonEndpoint docker(Map<String, String> env) {
        String tls = env.get("DOCKER_TLS_VERIFY");
        if (tls != null && !tls.isBlank() && !tls.equals("0")) {
            throw new ImageSourceException("DOCKER_TLS_VERIFY is set: a Docker daemon over TLS is not supported; use its unix socket");
        }
        String host = env.get("DOCKER_HOST");
        return host == null || host.isBlank() ? new DaemonEndpoint("Docker", DOCKER_SOCKET, null, 0) : parse("Docker", host);
    }

    /**
     * podman's API socket: {@code CONTAINER_HOST}, else the rootless {@code $XDG_RUNTIME_DIR/podman/podman.sock},
     * else the rootful {@code /run/podman/podman.sock}; null when none of them exists.
     */
    public static DaemonEndpoint podman(Map<String, String> env) {
        String host = env.get("CONTAINER_HOST");
        if (host != null && !host.isBlank()) return parse("podman", host);
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            Path rootless = Path.of(runtime, "podman", "podman.sock");
            if (Files.exists(rootless)) return new DaemonEndpoint("podman", rootless, null, 0);
        }
        return Files.exists(PODMAN_ROOT_SOCKET) ? new DaemonEndpoint("podman", PODMAN_ROOT_SOCKET, null, 0) : null;
    }

    @Override
    public String toString() {
        return socket != null ? "unix://" + socket : "tcp://" + host + ":" + port;
    }
}
