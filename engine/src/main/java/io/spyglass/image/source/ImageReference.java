package io.spyglass.image.source;

import io.spyglass.image.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a user names as IMAGE: {@code oci-dir://PATH[:TAG]}, {@code archive://FILE.tar},
 * {@code registry://HOST[:PORT]/NS/REPO[:TAG|@DIGEST]}, {@code docker:IMAGE}, {@code podman:IMAGE},
 * {@code fs:DIR}, or a bare docker-style {@code IMAGE} (the local Docker daemon's when it has it,
 * else the registry's, as {@code docker scout} reads it). The scheme chooses the source.
 */
public sealed interface ImageReference {

    String USAGE = "oci-dir://PATH[:TAG], archive://FILE.tar, registry://HOST[:PORT]/NS/REPO[:TAG|@DIGEST], "
            + "docker:IMAGE, podman:IMAGE, fs:DIR or a bare IMAGE (local Docker daemon, else registry)";
    // docker's reference grammar, loosely: the daemon or registry checks it in full
    Pattern DAEMON_NAME = Pattern.compile("[a-z0-9][a-z0-9._/:-]*(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(?:@sha256:[0-9a-f]{64})?");

    /** Opens the source this reference names. Local daemons are asked at once: their errors come from here. */
    ImageSource open(RegistryOptions options);

    /** An image in a local daemon: {@code docker} (its Engine API) or {@code podman} (its API socket, else the podman command). */
    record Daemon(String daemon, String name, Map<String, String> env) implements ImageReference {
        public Daemon {
            if (!daemon.equals("docker") && !daemon.equals("podman")) throw new IllegalArgumentException("unknown daemon " + daemon);
            if (name == null || !DAEMON_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' after " + daemon + ": is not an image name (NAME[:TAG][@DIGEST] or an image id)");
            }
            env = Map.copyOf(env);
        }

        @Override
        public ImageSource open(RegistryOptions options) {
            try {
                if (daemon.equals("docker")) return DaemonSource.fromApi(DaemonEndpoint.docker(env), name, this.toString());
                DaemonEndpoint socket = DaemonEndpoint.podman(env);
                return socket != null ? DaemonSource.fromApi(socket, name, toString()) : PodmanSave.open(name, toString(), env);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + this + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return daemon + ":" + name;
        }
    }

    /** A folder walked as a one-layer image: a root filesystem or a project with its lockfiles. */
    record Directory(Path dir) implements ImageReference {
        @Override
        public ImageSource open(RegistryOptions options) {
            try {
                return DirectorySource.open(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("reading fs:" + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * A bare docker-style name ({@code alpine}, {@code debian:bookworm}, {@code ghcr.io/o/r:1}): the
     * image of the Docker daemon ({@code DOCKER_HOST} or the default socket) when it has one by that
     * name, else the registry's (Docker Hub for a name without a host). A daemon that is not running
     * is no error here: the registry is asked instead.
     */
    record LocalOrRegistry(String name, Map<String, String> env) implements ImageReference {
        public LocalOrRegistry {
            env = Map.copyOf(env);
        }

        @Override
        public ImageSource open(RegistryOptions options) {
            if (DAEMON_NAME.matcher(name).matches()) {
                Daemon local = new Daemon("docker", name, env);
                try (DaemonApiClient client = new DaemonApiClient(DaemonEndpoint.docker(env))) {
                    if (client.hasImage(name)) return local.open(options);
                } catch (DaemonApiClient.DaemonUnavailableException | IOException noDaemon) {
                    // no local daemon to ask: the registry has the image or nobody does
                }
            }
            return registry().open(options);
        }

        /** The name as docker pulls it: Docker Hub when the first part is no host, {@code library/} for a one-part name. */
        public Registry registry() {
            String rest = name;
            int slash = rest.indexOf('/');
            String first = slash < 0 ? "" : rest.substring(0, slash);
            String host = "registry-1.docker.io";
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                host = first;
                rest = rest.substring(slash + 1);
            } else if (slash < 0) {
                rest = "library/" + rest;
            }
            return ImageReference.registry(host + "/" + rest);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An OCI image layout folder, optionally one tag of it. */
    record OciDir(Path dir, String tag) implements ImageReference {
        @Override
        public ImageSource open(RegistryOptions options) {
            return OciLayoutSource.open(dir, tag);
        }
    }

    /** A {@code docker save} tar or an OCI layout in a tar. */
    record Archive(Path file) implements ImageReference {
        @Override
        public ImageSource open(RegistryOptions options) {
            return ArchiveSource.open(file);
        }
    }

    /** A repository in a registry, by tag or digest (digest wins when both are given). */
    record Registry(String host, String repository, String tag, Digest digest) implements ImageReference {
        private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
        private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

        public Registry {
            if (host == null || host.isBlank()) throw new IllegalArgumentException("registry host is missing (" + USAGE + ")");
            if (repository == null || !REPOSITORY.matcher(repository).matches()) {
                throw new IllegalArgumentException("malformed repository name '" + repository + "' (lower-case path components)");
            }
            if (tag != null && !TAG.matcher(tag).matches()) throw new IllegalArgumentException("malformed tag '" + tag + "'");
        }

        /** The tag or digest to ask the registry for. */
        public String reference() {
            return digest != null ? digest.toString() : tag;
        }

        @Override
        public ImageSource open(RegistryOptions options) {
            return new RegistrySource(this, options);
        }

        @Override
        public String toString() {
            return "registry://" + host + "/" + repository + (digest != null ? "@" + digest : ":" + tag);
        }
    }

    /** Parses a reference; daemons are found through this process's environment. */
    static ImageReference parse(String text) {
        return parse(text, System.getenv());
    }

    /** Parses a reference, with {@code env} for DOCKER_HOST, CONTAINER_HOST, …; the error says which forms are accepted. */
    static ImageReference parse(String text, Map<String, String> env) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("image reference is missing (" + USAGE + ")");
        if (text.startsWith("docker:") && !text.startsWith("docker://")) return new Daemon("docker", text.substring("docker:".length()), env);
        if (text.startsWith("podman:") && !text.startsWith("podman://")) return new Daemon("podman", text.substring("podman:".length()), env);
        if (text.startsWith("fs:") && !text.startsWith("fs://")) {
            String dir = text.substring("fs:".length());
            if (dir.isEmpty()) throw new IllegalArgumentException("fs: needs a folder (fs:DIR)");
            return new Directory(Path.of(dir));
        }
        if (text.startsWith("oci-dir://")) {
            String rest = text.substring("oci-dir://".length());
            int colon = rest.lastIndexOf(':');
            boolean tagged = colon > rest.lastIndexOf('/') && colon > 0 && colon < rest.length() - 1;
            return tagged ? new OciDir(Path.of(rest.substring(0, colon)), rest.substring(colon + 1)) : new OciDir(Path.of(rest), null);
        }
        if (text.startsWith("archive://")) return new Archive(Path.of(text.substring("archive://".length())));
        if (text.startsWith("registry://")) return registry(text.substring("registry://".length()));
        if (!text.contains("://") && DAEMON_NAME.matcher(text).matches()) return new LocalOrRegistry(text, env);
        throw new IllegalArgumentException("unsupported image reference '" + text + "'; use " + USAGE);
    }

    private static Registry registry(String rest) {
        int slash = rest.indexOf('/');
        if (slash <= 0) throw new IllegalArgumentException("registry reference '" + rest + "' has no repository (" + USAGE + ")");
        String host = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        Digest digest = null;
        String tag = null;
        int at = path.indexOf('@');
        if (at >= 0) {
            digest = Digest.parse(path.substring(at + 1));
            path = path.substring(0, at);
        }
        int colon = path.lastIndexOf(':');
        if (colon > path.lastIndexOf('/')) {
            tag = path.substring(colon + 1);
            path = path.substring(0, colon);
        }
        return new Registry(host, path, tag == null && digest == null ? "latest" : tag, digest);
    }
}
