package io.spyglass.sbom.cyclonedx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A component's licences: each entry's SPDX expression, id or name, in document order. */
final class CycloneDxLicenses {
    private CycloneDxLicenses() {}

    static List<String> read(JsonNode licenses) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : licenses) {
            if (l.has("expression")) out.add(l.path("expression").asText());
            else if (l.path("license").has("id")) out.add(l.path("license").path("id").asText());
            else if (l.path("license").has("name")) out.add(l.path("license").path("name").asText());
        }
        return out;
    }
}
