package io.spyglass.server.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The wire shapes the registry reads: one record covers Docker v2 schema 2 manifests and manifest
 * lists and OCI image manifests and indexes (their fields overlap; {@link ManifestParser} checks
 * which ones a given media type needs).
 */
final class ManifestJson {
    private ManifestJson() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Manifest(Integer schemaVersion, String mediaType, String artifactType, Descriptor config,
                    List<Descriptor> layers, List<Descriptor> manifests, Descriptor subject,
                    Map<String, String> annotations) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Descriptor(String mediaType, String digest, Long size, String artifactType,
                      Map<String, String> annotations, List<String> urls) {}

    /** The referrers response: an OCI image index of descriptors. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Index(int schemaVersion, String mediaType, List<Descriptor> manifests) {}
}
