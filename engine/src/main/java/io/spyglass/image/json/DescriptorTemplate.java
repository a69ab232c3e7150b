package io.spyglass.image.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A descriptor as written in manifests and indexes (OCI image-spec descriptor.md). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DescriptorTemplate(String mediaType, String digest, Long size, PlatformTemplate platform,
                                 Map<String, String> annotations, List<String> urls, String artifactType) {}
