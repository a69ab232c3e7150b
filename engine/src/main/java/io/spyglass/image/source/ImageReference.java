package io.spyglass.image.source;

import io.spyglass.image.Digest;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a user names as IMAGE: {@code oci-dir://PATH[:TAG]}, {@code archive://FILE.tar} or
 * {@code registry://HOST[:PORT]/NS/REPO[:TAG|@DIGEST]}. The scheme chooses the source.
 */
public sealed interface ImageReference {

    String USAGE = "oci-dir://PATH[:TAG], archive://FILE.tar or registry://HOST[:PORT]/NS/REPO[:TAG|@DIGEST]";

    /** Opens the source this reference names. */
    ImageSource open(RegistryOptions options);

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

    /** Parses a reference; the error says which forms are accepted. */
    static ImageReference parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("image reference is missing (" + USAGE + ")");
        if (text.startsWith("oci-dir://")) {
            String rest = text.substring("oci-dir://".length());
            int colon = rest.lastIndexOf(':');
            boolean tagged = colon > rest.lastIndexOf('/') && colon > 0 && colon < rest.length() - 1;
            return tagged ? new OciDir(Path.of(rest.substring(0, colon)), rest.substring(colon + 1)) : new OciDir(Path.of(rest), null);
        }
        if (text.startsWith("archive://")) return new Archive(Path.of(text.substring("archive://".length())));
        if (text.startsWith("registry://")) return registry(text.substring("registry://".length()));
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
