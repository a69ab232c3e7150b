package io.spyglass.server.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spyglass.image.Digest;
import io.spyglass.image.InvalidDigestException;
import io.spyglass.server.store.ManifestRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pushed manifest bytes into a {@link ManifestRecord}, refusing anything that is not one of
 * the four manifest kinds with MANIFEST_INVALID and a message naming what was wrong.
 */
final class ManifestParser {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ManifestParser() {}

    static ManifestRecord parse(byte[] bytes, String contentType, Digest digest) {
        JsonNode tree;
        ManifestJson.Manifest m;
        try {
            tree = JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) throw invalid("the body is not a JSON object");
            m = JSON.treeToValue(tree, ManifestJson.Manifest.class);
        } catch (JsonProcessingException e) {
            throw invalid("the body is not a manifest: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("the body is not JSON: " + e.getMessage());
        }
        String mediaType = mediaType(contentType, m);
        if (m.schemaVersion() == null || m.schemaVersion() != 2) {
            throw invalid("schemaVersion is " + m.schemaVersion() + "; only schema version 2 manifests are accepted"
                    + (m.schemaVersion() != null && m.schemaVersion() == 1 ? " (Docker schema 1 is not supported; push with a current client)" : ""));
        }
        List<ManifestRecord.Reference> refs = new ArrayList<>();
        String configDigest = null;
        String artifactType = m.artifactType();
        if (MediaTypes.MANIFESTS.contains(mediaType)) {
            if (m.config() == null) throw invalid("an image manifest needs a config descriptor");
            if (m.layers() == null) throw invalid("an image manifest needs a layers array");
            if (m.manifests() != null) throw invalid("an image manifest has no manifests array");
            configDigest = descriptorDigest(m.config(), "config");
            refs.add(new ManifestRecord.Reference(configDigest, ManifestRecord.Kind.BLOB));
            for (int i = 0; i < m.layers().size(); i++) {
                ManifestJson.Descriptor layer = m.layers().get(i);
                String d = descriptorDigest(layer, "layers[" + i + "]");
                // foreign layers live elsewhere (their urls); the registry does not hold them
                if (layer.urls() == null || layer.urls().isEmpty()) refs.add(new ManifestRecord.Reference(d, ManifestRecord.Kind.BLOB));
            }
            if (artifactType == null) artifactType = m.config().mediaType();
        } else {
            if (m.manifests() == null) throw invalid("an index needs a manifests array");
            if (m.layers() != null || m.config() != null) throw invalid("an index has no config or layers");
            for (int i = 0; i < m.manifests().size(); i++) {
                String d = descriptorDigest(m.manifests().get(i), "manifests[" + i + "]");
                refs.add(new ManifestRecord.Reference(d, ManifestRecord.Kind.MANIFEST));
            }
        }
        String subject = m.subject() == null ? null : descriptorDigest(m.subject(), "subject");
        String annotations = tree.has("annotations") && tree.get("annotations").isObject() ? tree.get("annotations").toString() : null;
        return new ManifestRecord(digest.toString(), mediaType, bytes.length, configDigest, subject, artifactType, annotations, refs);
    }

    /** The Content-Type and the body's mediaType must agree when both are given. */
    private static String mediaType(String contentType, ManifestJson.Manifest m) {
        String header = MediaTypes.base(contentType);
        String body = m.mediaType();
        if (header != null && MediaTypes.SCHEMA1.contains(header) || body != null && MediaTypes.SCHEMA1.contains(body)) {
            throw invalid("Docker schema 1 manifests are not supported; push with a current client (schema 2 or OCI)");
        }
        boolean headerUseful = header != null && MediaTypes.supported(header);
        if (headerUseful && body != null && !body.equals(header)) {
            throw invalid("Content-Type " + header + " does not match the manifest's mediaType " + body);
        }
        String type = headerUseful ? header : body;
        if (type == null) type = m.manifests() != null ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        if (!MediaTypes.supported(type)) {
            throw invalid("unsupported manifest media type '" + type + "' (want "
                    + String.join(", ", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LIST, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX) + ")");
        }
        return type;
    }

    private static String descriptorDigest(ManifestJson.Descriptor d, String where) {
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
