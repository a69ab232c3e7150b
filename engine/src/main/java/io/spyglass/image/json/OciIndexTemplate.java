package io.spyglass.image.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** {@code application/vnd.oci.image.index.v1+json}; also an OCI layout's {@code index.json}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OciIndexTemplate(Integer schemaVersion, String mediaType, String artifactType,
                               List<DescriptorTemplate> manifests, DescriptorTemplate subject,
                               Map<String, String> annotations) {}
