package io.spyglass.image.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** {@code application/vnd.oci.image.manifest.v1+json} (OCI image-spec manifest.md). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OciManifestTemplate(Integer schemaVersion, String mediaType, String artifactType,
                                  DescriptorTemplate config, List<DescriptorTemplate> layers,
                                  DescriptorTemplate subject, Map<String, String> annotations) {}
