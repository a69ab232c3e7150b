package io.spyglass.image.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code application/vnd.docker.distribution.manifest.v2+json} (Docker image manifest v2, schema 2). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record V22ManifestTemplate(Integer schemaVersion, String mediaType, DescriptorTemplate config,
                                  List<DescriptorTemplate> layers) {}
