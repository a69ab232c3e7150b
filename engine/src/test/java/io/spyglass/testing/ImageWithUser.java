package io.spyglass.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A corpus image as if built with a {@code USER} line: an OCI layout whose image is the original's
 * with {@code config.User} set. Only the config and manifest are new; the layers are linked to the
 * original layout's blobs, not copied.
 */
public final class ImageWithUser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageWithUser() {}

    /** Writes the layout to {@code out}; its one image is tagged {@code tag + "-user"}. */
    public static Path write(Path layout, String tag, String user, Path out) throws Exception {
        Path blobs = Files.createDirectories(out.resolve("blobs/sha256"));
        try (Stream<Path> files = Files.list(layout.resolve("blobs/sha256"))) {
            for (Path f : (Iterable<Path>) files::iterator) Files.createSymbolicLink(blobs.resolve(f.getFileName()), f.toAbsolutePath());
        }
        ObjectNode config = (ObjectNode) CorpusBuild.config(layout, tag);
        config.with("config").put("User", user);
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode manifest = (ObjectNode) CorpusBuild.manifest(layout, tag);
        ((ObjectNode) manifest.get("config")).put("digest", blob(blobs, configBytes)).put("size", configBytes.length);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        String digest = blob(blobs, manifestBytes);
        Files.writeString(out.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(out.resolve("index.json"), JSON.writeValueAsString(Map.of("schemaVersion", 2, "manifests", List.of(Map.of(
                "mediaType", manifest.path("mediaType").asText("application/vnd.oci.image.manifest.v1+json"), "digest", digest,
                "size", manifestBytes.length, "annotations", Map.of("org.opencontainers.image.ref.name", tag + "-user"))))));
        return out;
    }

    private static String blob(Path blobs, byte[] bytes) throws Exception {
        String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        // a link of the same name would write through to the original layout
        Files.deleteIfExists(blobs.resolve(hex));
        Files.write(blobs.resolve(hex), bytes);
        return "sha256:" + hex;
    }
}
