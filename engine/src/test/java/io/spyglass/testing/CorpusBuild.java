package io.spyglass.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.version.Schemes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * What one machine's corpus build decided, read back from that build's own output: manifest and
 * config digests, layer sizes and diff_ids (umoci writes timestamps into every layer and config),
 * and the versions of Debian packages (whatever the mirror served that day). Tests use these
 * instead of pinning the bytes of the build they were written on, which a fresh machine never
 * reproduces. Only the alpine images are byte-identical everywhere (fixed tarballs and timestamps,
 * see ../shared/corpus/README.md).
 */
public final class CorpusBuild {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusBuild() {}

    /** The manifest digest ({@code sha256:…}) of {@code tag} in the layout's {@code index.json}. */
    public static String manifestDigest(Path layout, String tag) {
        for (JsonNode m : read(layout.resolve("index.json")).path("manifests")) {
            if (tag.equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
                return m.path("digest").asText();
            }
        }
        throw new IllegalArgumentException("no tag " + tag + " in " + layout.resolve("index.json"));
    }

    /** The image manifest of {@code tag}, as the build wrote it. */
    public static JsonNode manifest(Path layout, String tag) {
        return read(blob(layout, manifestDigest(layout, tag)));
    }

    /** The image config of {@code tag} (holds {@code rootfs.diff_ids} and the history). */
    public static JsonNode config(Path layout, String tag) {
        return read(blob(layout, manifest(layout, tag).path("config").path("digest").asText()));
    }

    /** The file of a blob in an OCI layout. */
    public static Path blob(Path layout, String digest) {
        int colon = digest.indexOf(':');
        return layout.resolve("blobs").resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
    }

    /** The installed version of a dpkg package in the corpus Debian image (its expected.json); skips when absent. */
    public static String debianVersion(String name) {
        for (JsonNode p : read(SharedData.requireCorpus("debian/expected.json")).path("dpkg")) {
            if (p.path("name").asText().equals(name)) return p.path("version").asText();
        }
        throw new IllegalArgumentException("no dpkg package " + name + " in the corpus Debian image");
    }

    /**
     * A Debian version just above every one of {@code versions}, whatever the build installed: dpkg
     * sorts a trailing {@code +1} after the version it extends ({@code 2.6.1 < 2.6.1+1},
     * {@code 5.2.15-2+b13 < 5.2.15-2+b13+1}), so an advisory fixed there affects them all.
     */
    public static String debianAbove(String... versions) {
        String max = versions[0];
        for (String v : versions) if (Schemes.DPKG.compare(v, max) > 0) max = v;
        return max + "+1";
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
