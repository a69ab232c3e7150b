package io.spyglass.server.analysis.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Images built the way {@code FROM base} + {@code RUN …} builds them, as OCI layouts for skopeo:
 * a chain of real layers (blobs of a corpus layout, or small tars made here) with a config whose
 * diff_ids list them in order, so an image built "on" another shares its first layers exactly.
 */
public final class LayeredImages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LayeredImages() {}

    /** One layer: its blob (a file), the digest of the blob and of its uncompressed tar, a history line. */
    public record Layer(Path blob, String digest, String diffId, long size, String createdBy) {}

    /** The layers of a corpus layout's one image, read from its manifest and config. */
    public static List<Layer> corpusLayers(Path layout) throws IOException {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blobPath(layout, index.path("manifests").get(0).path("digest").asText()).toFile());
        JsonNode config = JSON.readTree(blobPath(layout, manifest.path("config").path("digest").asText()).toFile());
        List<String> commands = new ArrayList<>();
        for (JsonNode h : config.path("history")) if (!h.path("empty_layer").asBoolean(false)) commands.add(h.path("created_by").asText());
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < manifest.path("layers").size(); i++) {
            JsonNode l = manifest.path("layers").get(i);
            out.add(new Layer(blobPath(layout, l.path("digest").asText()), l.path("digest").asText(),
                    config.path("rootfs").path("diff_ids").get(i).asText(), l.path("size").asLong(),
                    i < commands.size() ? commands.get(i) : "layer " + i));
        }
        return out;
    }

    /** A gzip layer holding a global npm module {@code name@version} (its package.json), written under {@code dir}. */
    public static Layer npmModule(Path dir, String name, String version) throws IOException {
        String json = "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"license\":\"MIT\"}";
        byte[] tar = tar("usr/local/lib/node_modules/" + name + "/package.json", json);
        byte[] gz = gzip(tar);
        Path blob = Files.createDirectories(dir).resolve(name + "-" + version + ".tar.gz");
        Files.write(blob, gz);
        return new Layer(blob, digest(gz), digest(tar), gz.length, "npm install -g " + name + "@" + version);
    }

    /** An OCI layout at {@code out} with one linux/amd64 image of these layers, tagged {@code tag}. */
    public static Path layout(Path out, String tag, List<Layer> layers) throws IOException {
        Files.createDirectories(out.resolve("blobs/sha256"));
        ArrayNode diffIds = JSON.createArrayNode(), descriptors = JSON.createArrayNode(), history = JSON.createArrayNode();
        for (Layer l : layers) {
            Path target = blobPath(out, l.digest());
            if (!Files.exists(target)) Files.copy(l.blob(), target, StandardCopyOption.REPLACE_EXISTING);
            diffIds.add(l.diffId());
            descriptors.add(descriptor("application/vnd.oci.image.layer.v1.tar+gzip", l.digest(), l.size()));
            history.addObject().put("created_by", l.createdBy());
        }
        ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
        config.putObject("rootfs").put("type", "layers").set("diff_ids", diffIds);
        config.set("history", history);
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", write(out, configBytes), configBytes.length));
        manifest.set("layers", descriptors);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        ObjectNode entry = descriptor("application/vnd.oci.image.manifest.v1+json", write(out, manifestBytes), manifestBytes.length);
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        index.putArray("manifests").add(entry);
        Files.write(out.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(out.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return out;
    }

    private static Path blobPath(Path layout, String digest) {
        return layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    private static ObjectNode descriptor(String mediaType, String digest, long size) {
        return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
    }

    private static String write(Path layout, byte[] content) throws IOException {
        String digest = digest(content);
        Files.write(blobPath(layout, digest), content);
        return digest;
    }

    static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] tar(String path, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(path);
            e.setSize(bytes.length);
            tar.putArchiveEntry(e);
            tar.write(bytes);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
