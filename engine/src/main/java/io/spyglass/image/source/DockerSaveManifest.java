package io.spyglass.image.source;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import io.spyglass.image.json.JsonToImageTranslator;
import java.io.IOException;
import java.util.List;

/** One entry of a {@code docker save} archive's {@code manifest.json}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record DockerSaveManifest(@JsonProperty("Config") String config, @JsonProperty("RepoTags") List<String> repoTags,
                          @JsonProperty("Layers") List<String> layers) {

    static DockerSaveManifest parse(byte[] json, String where) {
        List<DockerSaveManifest> all;
        try {
            all = JsonToImageTranslator.mapper().readValue(json, new TypeReference<List<DockerSaveManifest>>() {});
        } catch (IOException e) {
            throw new ImageSourceException(where + ": manifest.json is not valid: " + e.getMessage(), e);
        }
        if (all == null || all.isEmpty()) throw new ImageSourceException(where + ": manifest.json lists no image");
        if (all.size() > 1) {
            throw new ImageSourceException(where + " holds " + all.size() + " images; save one image per archive ("
                    + all.stream().map(m -> String.valueOf(m.repoTags())).toList() + ")");
        }
        DockerSaveManifest m = all.get(0);
        if (m.config() == null || m.layers() == null) throw new ImageSourceException(where + ": manifest.json entry has no Config or Layers");
        return m;
    }
}
