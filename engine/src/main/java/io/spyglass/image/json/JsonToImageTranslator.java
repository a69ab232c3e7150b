package io.spyglass.image.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.image.Descriptor;
import io.spyglass.image.Digest;
import io.spyglass.image.ImageConfig;
import io.spyglass.image.ImageIndex;
import io.spyglass.image.ImageManifest;
import io.spyglass.image.InvalidManifestException;
import io.spyglass.image.ManifestDocument;
import io.spyglass.image.MediaType;
import io.spyglass.image.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that knows both the wire formats ({@code image.json} records) and the model.
 * Every problem is an {@link InvalidManifestException} saying what was wrong.
 */
public final class JsonToImageTranslator {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonToImageTranslator() {}

    /**
     * Reads a manifest or index. {@code contentType} (an HTTP Content-Type or a descriptor's media
     * type) may be null; the document's own {@code mediaType} wins, then its shape decides (an OCI
     * layout's index.json often has no mediaType).
     */
    public static ManifestDocument toManifestDocument(byte[] json, String contentType) {
        JsonNode tree = readTree(json, "manifest");
        MediaType type = mediaTypeOf(tree, contentType);
        if (type.isSchema1() || tree.path("schemaVersion").asInt(2) == 1 || tree.has("fsLayers")) {
            throw new InvalidManifestException("Docker image manifest schema 1 is not supported"
                    + " (deprecated since 2017); re-push the image with a current client to get schema 2 or OCI");
        }
        if (tree.path("schemaVersion").asInt(-1) != 2) {
            throw new InvalidManifestException("manifest schemaVersion must be 2, got " + tree.path("schemaVersion"));
        }
        if (type.equals(MediaType.OCI_INDEX)) {
            return index(type, convert(tree, OciIndexTemplate.class).manifests());
        }
        if (type.equals(MediaType.DOCKER_MANIFEST_LIST)) {
            return index(type, convert(tree, V22ManifestListTemplate.class).manifests());
        }
        if (type.equals(MediaType.OCI_MANIFEST)) {
            OciManifestTemplate m = convert(tree, OciManifestTemplate.class);
            return manifest(type, m.config(), m.layers());
        }
        if (type.equals(MediaType.DOCKER_MANIFEST)) {
            V22ManifestTemplate m = convert(tree, V22ManifestTemplate.class);
            return manifest(type, m.config(), m.layers());
        }
        throw new InvalidManifestException("unsupported manifest media type '" + type + "'");
    }

    /** Reads an image config (OCI or Docker). */
    public static ImageConfig toConfig(byte[] json) {
        ContainerConfigTemplate c = convert(readTree(json, "image config"), ContainerConfigTemplate.class);
        if (c.rootfs() == null || c.rootfs().diffIds() == null) {
            throw new InvalidManifestException("image config has no rootfs.diff_ids");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (String d : c.rootfs().diffIds()) diffIds.add(digest(d, "rootfs.diff_ids"));
        List<ImageConfig.History> history = new ArrayList<>();
        if (c.history() != null) {
            for (ContainerConfigTemplate.HistoryItem h : c.history()) {
                history.add(new ImageConfig.History(h.createdBy(), Boolean.TRUE.equals(h.emptyLayer())));
            }
        }
        Platform platform;
        try {
            platform = c.os() == null || c.architecture() == null ? null
                    : platform(new PlatformTemplate(c.architecture(), c.os(), c.variant(), null, null));
        } catch (IllegalArgumentException e) { // found by ImageJsonFuzzTest: Platform refuses a malformed os or architecture
            throw new InvalidManifestException("image config: " + e.getMessage(), e);
        }
        return new ImageConfig(platform, diffIds, history);
    }

    /** The shared mapper, configured to ignore fields we do not read. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    private static MediaType mediaTypeOf(JsonNode tree, String contentType) {
        String declared = tree.path("mediaType").asText(null);
        if (declared != null && !declared.isBlank()) return mediaType(declared, "the manifest's mediaType");
        if (contentType != null && !contentType.isBlank()) {
            MediaType hinted = mediaType(contentType, "the content type");
            if (hinted.isIndex() || hinted.isManifest() || hinted.isSchema1()) return hinted;
        }
        if (tree.has("manifests")) return MediaType.OCI_INDEX;
        if (tree.has("config") && tree.has("layers")) return MediaType.OCI_MANIFEST;
        if (tree.has("fsLayers")) return MediaType.DOCKER_SCHEMA1;
        throw new InvalidManifestException("document is neither an image manifest nor an index (no mediaType, manifests or layers)");
    }

    /** MediaType refuses a malformed type with a plain IllegalArgumentException (found by ImageJsonFuzzTest). */
    private static MediaType mediaType(String text, String what) {
        try {
            return MediaType.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidManifestException(what + ": " + e.getMessage(), e);
        }
    }

    private static ImageIndex index(MediaType type, List<DescriptorTemplate> manifests) {
        if (manifests == null) throw new InvalidManifestException(type + " has no manifests");
        List<Descriptor> out = new ArrayList<>();
        for (DescriptorTemplate d : manifests) out.add(descriptor(d, "manifests[]"));
        return new ImageIndex(type, out);
    }

    private static ImageManifest manifest(MediaType type, DescriptorTemplate config, List<DescriptorTemplate> layers) {
        if (config == null) throw new InvalidManifestException(type + " has no config descriptor");
        if (layers == null) throw new InvalidManifestException(type + " has no layers");
        List<Descriptor> out = new ArrayList<>();
        for (DescriptorTemplate d : layers) out.add(descriptor(d, "layers[]"));
        return new ImageManifest(type, descriptor(config, "config"), out);
    }

    private static Descriptor descriptor(DescriptorTemplate d, String where) {
        if (d == null) throw new InvalidManifestException(where + " is null");
        if (d.mediaType() == null || d.mediaType().isBlank()) {
            throw new InvalidManifestException(where + " " + d.digest() + " has no mediaType");
        }
        if (d.size() == null) throw new InvalidManifestException(where + " " + d.digest() + " has no size");
        try {
            Platform p = d.platform() == null ? null : platform(d.platform());
            return new Descriptor(MediaType.parse(d.mediaType()), digest(d.digest(), where), d.size(), p, d.annotations());
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidManifestException ime) throw ime;
            throw new InvalidManifestException(where + ": " + e.getMessage(), e);
        }
    }

    private static Platform platform(PlatformTemplate p) {
        if (p.os() == null || p.architecture() == null) return null;
        return new Platform(p.os(), p.architecture(), p.variant());
    }

    private static Digest digest(String text, String where) {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidManifestException(where + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode readTree(byte[] json, String what) {
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree == null || !tree.isObject()) throw new InvalidManifestException(what + " is not a JSON object");
            return tree;
        } catch (IOException e) {
            throw new InvalidManifestException(what + " is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()), e);
        }
    }

    private static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return JSON.treeToValue(tree, type);
        } catch (IOException e) {
            throw new InvalidManifestException("malformed " + type.getSimpleName().replace("Template", "")
                    + ": " + e.getMessage(), e);
        }
    }
}
