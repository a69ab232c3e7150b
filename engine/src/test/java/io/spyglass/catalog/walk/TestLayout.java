package io.spyglass.catalog.walk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds small OCI image layouts for tests, layer by layer, with real tar/gzip/zstd writers, so
 * hostile layers (bad paths, escaping links, truncated streams, bombs) can be made on purpose.
 */
final class TestLayout {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Compression { GZIP, ZSTD, NONE }

    /** One layer: a tar built from entries, optionally compressed and cut short. */
    static final class LayerBuilder {
        private final ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar;

        LayerBuilder() {
            tar = new TarArchiveOutputStream(tarBytes);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        LayerBuilder file(String name, String content) throws IOException {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        LayerBuilder file(String name, byte[] content) throws IOException {
            return file(name, content, 0100644);
        }

        /** A regular file with the given mode (e.g. {@code 0100755} for an executable). */
        LayerBuilder file(String name, byte[] content, int mode) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(content.length);
            e.setMode(mode);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
            return this;
        }

        LayerBuilder symlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
            e.setLinkName(target);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        LayerBuilder hardlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK, true);
            e.setLinkName(target);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        /** A named pipe: neither file nor directory, yet it replaces what was at its path. */
        LayerBuilder fifo(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_FIFO, true);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        LayerBuilder dir(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        byte[] tar() throws IOException {
            tar.finish();
            return tarBytes.toByteArray();
        }
    }

    private final Path dir;
    private final List<byte[]> blobs = new ArrayList<>();
    private final List<String> layerTypes = new ArrayList<>();
    private final List<String> diffIds = new ArrayList<>();

    TestLayout(Path dir) {
        this.dir = dir;
    }

    TestLayout layer(LayerBuilder layer, Compression compression) throws IOException {
        return layer(layer.tar(), compression, 0);
    }

    /** Adds a layer; {@code cut} bytes are removed from the end of the compressed blob (truncation). */
    TestLayout layer(byte[] tar, Compression compression, int cut) throws IOException {
        byte[] blob = compress(tar, compression);
        if (cut > 0) blob = java.util.Arrays.copyOf(blob, blob.length - cut);
        blobs.add(blob);
        diffIds.add(digest(tar));
        layerTypes.add(switch (compression) {
            case GZIP -> "application/vnd.oci.image.layer.v1.tar+gzip";
            case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
            case NONE -> "application/vnd.oci.image.layer.v1.tar";
        });
        return this;
    }

    static byte[] compress(byte[] tar, Compression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = switch (compression) {
            case GZIP -> new GZIPOutputStream(out) {{ def.setLevel(Deflater.BEST_COMPRESSION); }};
            case ZSTD -> new ZstdOutputStream(out, 19);
            case NONE -> out;
        }) {
            z.write(tar);
        }
        return out.toByteArray();
    }

    /** Writes oci-layout, index.json, manifest, config and blobs; returns the layout folder. */
    Path write() throws IOException {
        return write(List.of());
    }

    /**
     * Writes a layout whose index has one manifest per platform ({@code os/arch[/variant]}, all
     * with the same layers), or a single manifest without platform when the list is empty.
     */
    Path write(List<String> platforms) throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        for (String platform : platforms.isEmpty() ? List.of("linux/amd64") : platforms) {
            String[] p = platform.split("/");
            byte[] manifestBytes = manifest(p);
            ObjectNode entry = descriptor("application/vnd.oci.image.manifest.v1+json", store(manifestBytes), manifestBytes.length);
            if (!platforms.isEmpty()) {
                ObjectNode pl = entry.putObject("platform").put("os", p[0]).put("architecture", p[1]);
                if (p.length > 2) pl.put("variant", p[2]);
            }
            manifests.add(entry);
        }
        ObjectNode top = index;
        if (platforms.size() > 1) {
            // a multi-platform image is an index blob that index.json names by tag (as skopeo writes it)
            byte[] nested = JSON.writeValueAsBytes(index);
            top = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
            top.putArray("manifests").add(descriptor("application/vnd.oci.image.index.v1+json", store(nested), nested.length));
        }
        for (var entry : top.get("manifests")) ((ObjectNode) entry).putObject("annotations").put("org.opencontainers.image.ref.name", "latest");
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(top));
        return dir;
    }

    private byte[] manifest(String[] platform) throws IOException {
        ObjectNode config = JSON.createObjectNode().put("architecture", platform[1]).put("os", platform[0]);
        if (platform.length > 2) config.put("variant", platform[2]);
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(ids::add);
        ArrayNode history = config.putArray("history");
        for (int i = 0; i < blobs.size(); i++) history.addObject().put("created_by", "layer " + (i + 1));
        history.addObject().put("created_by", "CMD [\"sh\"]").put("empty_layer", true);
        byte[] configBytes = JSON.writeValueAsBytes(config);
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", descriptor("application/vnd.oci.image.config.v1+json", store(configBytes), configBytes.length));
        ArrayNode layers = manifest.putArray("layers");
        for (int i = 0; i < blobs.size(); i++) layers.add(descriptor(layerTypes.get(i), store(blobs.get(i)), blobs.get(i).length));
        return JSON.writeValueAsBytes(manifest);
    }

    String layerDigest(int i) {
        return digest(blobs.get(i));
    }

    private String store(byte[] bytes) throws IOException {
        String d = digest(bytes);
        Files.write(dir.resolve("blobs/sha256/" + d.substring(7)), bytes);
        return d;
    }

    private static ObjectNode descriptor(String type, String digest, long size) {
        return JSON.createObjectNode().put("mediaType", type).put("digest", digest).put("size", size);
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
