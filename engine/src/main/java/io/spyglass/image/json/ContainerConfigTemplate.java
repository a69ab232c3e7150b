package io.spyglass.image.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An image config ({@code application/vnd.oci.image.config.v1+json} or Docker's
 * {@code container.image.v1+json}; same fields for what we read). The runtime {@code config}
 * section is not read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerConfigTemplate(String created, String architecture, String os, String variant,
                                      RootFs rootfs, List<HistoryItem> history) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RootFs(String type, @JsonProperty("diff_ids") List<String> diffIds) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryItem(String created, @JsonProperty("created_by") String createdBy, String author,
                              String comment, @JsonProperty("empty_layer") Boolean emptyLayer) {}
}
