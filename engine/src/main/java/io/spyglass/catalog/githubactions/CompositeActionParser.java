package io.spyglass.catalog.githubactions;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;

/**
 * An action's metadata file: a composite action's {@code runs.steps[].uses}. JavaScript and
 * container actions have no steps and so no packages.
 */
final class CompositeActionParser {
    private CompositeActionParser() {}

    static ParseResult parse(String path, String text) throws IOException {
        JsonNode root = FileContent.yaml(text);
        if (!root.isObject() || !root.path("runs").isObject()) {
            return ParseResult.unknown(path, "action metadata without a runs mapping");
        }
        ActionUses uses = new ActionUses(path, text);
        for (JsonNode step : root.path("runs").path("steps")) {
            if (step.path("uses").isTextual()) uses.add(step.path("uses").asText());
        }
        return uses.result();
    }
}
