package io.spyglass.server.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.image.Digest;
import io.spyglass.image.InvalidDigestException;
import io.spyglass.image.json.DescriptorTemplate;
import io.spyglass.image.json.OciIndexTemplate;
import io.spyglass.image.json.OciManifestTemplate;
import io.spyglass.image.json.V22ManifestListTemplate;
import io.spyglass.image.json.V22ManifestTemplate;
import io.spyglass.server.store.ManifestRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pushed manifest bytes (through the engine's wire records, one per format) into a
 * {@link ManifestRecord}, refusing anything that is not one of the four manifest kinds with
 * MANIFEST_INVALID and a message naming what was wrong.
 */
final class ManifestParser {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ManifestParser() {}

    /** What all four formats have in common, once read. */
    private record Parts(DescriptorTemplate config, List<DescriptorTemplate> layers, List<DescriptorTemplate> manifests,
                         DescriptorTemplate subject, String artifactType) {}

    static ManifestRecord parse(byte[] bytes, String contentType, Digest digest) {
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            throw invalid("the body is not JSON: " + io.spyglass.catalog.ParseProblem.describe(e));
        }
        if (tree == null || !tree.isObject()) throw invalid("the body is not a JSON object");
        String mediaType = mediaType(contentType, tree);
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isInt() || version.asInt() != 2) {
            throw invalid("schemaVersion is " + version + "; only schema version 2 manifests are accepted"
                    + (version != null && version.asInt() == 1 ? " (Docker schema 1 is not supported; push with a current client)" : ""));
        }
        Parts parts = read(tree, mediaType);
        List<ManifestRecord.Reference> refs = new ArrayList<>();
        String configDigest = null;
        String artifactType = parts.artifactType();
        if (MediaTypes.MANIFESTS.contains(mediaType)) {
            if (parts.config() == null) throw invalid("an image manifest needs a config descriptor");
            if (parts.layers() == null) throw invalid("an image manifest needs a layers array");
            if (tree.has("manifests")) throw invalid("an image manifest has no manifests array");
            configDigest = descriptorDigest(parts.config(), "config");
            refs.add(new ManifestRecord.Reference(configDigest, ManifestRecord.Kind.BLOB));
            for (int i = 0; i < parts.layers().size(); i++) {
                DescriptorTemplate layer = parts.layers().get(i);
                String d = descriptorDigest(layer, "layers[" + i + "]");
                // foreign layers live elsewhere (their urls); the registry does not hold them
                if (layer.urls() == null || layer.urls().isEmpty()) refs.add(new ManifestRecord.Reference(d, ManifestRecord.Kind.BLOB));
            }
            if (artifactType == null) artifactType = parts.config().mediaType();
        } else {
            if (parts.manifests() == null) throw invalid("an index needs a manifests array");
            if (tree.has("layers") || tree.has("config")) throw invalid("an index has no config or layers");
            for (int i = 0; i < parts.manifests().size(); i++) {
                String d = descriptorDigest(parts.manifests().get(i), "manifests[" + i + "]");
                refs.add(new ManifestRecord.Reference(d, ManifestRecord.Kind.MANIFEST));
            }
        }
        String subject = parts.subject() == null ? null : descriptorDigest(parts.subject(), "subject");
        String annotations = tree.has("annotations") && tree.get("annotations").isObject() ? tree.get("annotations").toString() : null;
        return new ManifestRecord(digest.toString(), mediaType, bytes.length, configDigest, subject, artifactType, annotations, refs);
    }

    private static Parts read(JsonNode tree, String mediaType) {
        try {
            return switch (mediaType) {
                case MediaTypes.OCI_MANIFEST -> {
                    OciManifestTemplate m = JSON.treeToValue(tree, OciManifestTemplate.class);
                    yield new Parts(m.config(), m.layers(), null, m.subject(), m.artifactType());
                }
                case MediaTypes.DOCKER_MANIFEST -> {
                    V22ManifestTemplate m = JSON.treeToValue(tree, V22ManifestTemplate.class);
                    yield new Parts(m.config(), m.layers(), null, null, null);
                }
                case MediaTypes.OCI_INDEX -> {
                    OciIndexTemplate m = JSON.treeToValue(tree, OciIndexTemplate.class);
                    yield new Parts(null, null, m.manifests(), m.subject(), m.artifactType());
                }
                default -> {
                    V22ManifestListTemplate m = JSON.treeToValue(tree, V22ManifestListTemplate.class);
                    yield new Parts(null, null, m.manifests(), null, null);
                }
            };
        } catch (JsonProcessingException e) {
            throw invalid("the body is not a " + mediaType + " manifest: " + e.getOriginalMessage());
        }
    }

    /** The Content-Type and the body's mediaType must agree when both are given. */
    private static String mediaType(String contentType, JsonNode tree) {
        String header = MediaTypes.base(contentType);
        String body = tree.path("mediaType").isTextual() ? tree.get("mediaType").asText() : null;
        if (header != null && MediaTypes.SCHEMA1.contains(header) || body != null && MediaTypes.SCHEMA1.contains(body)) {
            throw invalid("Docker schema 1 manifests are not supported; push with a current client (schema 2 or OCI)");
        }
        boolean headerUseful = header != null && MediaTypes.supported(header);
        if (headerUseful && body != null && !body.equals(header)) {
            throw invalid("Content-Type " + header + " does not match the manifest's mediaType " + body);
        }
        String type = headerUseful ? header : body;
        if (type == null) type = tree.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        if (!MediaTypes.supported(type)) {
            throw invalid("unsupported manifest media type '" + type + "' (want "
                    + String.join(", ", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LIST, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX) + ")");
        }
        return type;
    }

    private static String descriptorDigest(DescriptorTemplate d, String where) {
        if (d.digest() == null) throw invalid(where + " has no digest");
        if (d.size() == null || d.size() < 0) throw invalid(where + " has no valid size");
        if (d.mediaType() == null || d.mediaType().isBlank()) throw invalid(where + " has no mediaType");
        try {
            return Digest.parse(d.digest()).toString();
        } catch (InvalidDigestException e) {
            throw invalid(where + ": " + e.getMessage());
        }
    }

    private static RegistryException invalid(String detail) {
        return new RegistryException(OciErrorCode.MANIFEST_INVALID, detail);
    }
}
