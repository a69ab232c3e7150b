package io.spyglass.image.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code application/vnd.docker.distribution.manifest.list.v2+json}: one manifest per platform. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record V22ManifestListTemplate(Integer schemaVersion, String mediaType, List<DescriptorTemplate> manifests) {}
