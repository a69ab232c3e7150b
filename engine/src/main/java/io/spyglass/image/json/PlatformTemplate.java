package io.spyglass.image.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An index entry's platform (OCI image-index.md; same shape in Docker manifest lists). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlatformTemplate(String architecture, String os, String variant,
                               @JsonProperty("os.version") String osVersion,
                               @JsonProperty("os.features") List<String> osFeatures) {}
