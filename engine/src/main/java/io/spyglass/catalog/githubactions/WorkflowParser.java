package io.spyglass.catalog.githubactions;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.FileContent;
import io.spyglass.catalog.ParseResult;
import java.io.IOException;

/**
 * A workflow: {@code jobs.<id>.steps[].uses} (actions) and {@code jobs.<id>.uses} (reusable
 * workflows, {@code owner/repo/.github/workflows/x.yml@ref}).
 */
final class WorkflowParser {
    private WorkflowParser() {}

    static ParseResult parse(String path, String text) throws IOException {
        JsonNode root = FileContent.yaml(text);
        if (!root.isObject() || !root.path("jobs").isObject()) {
            return ParseResult.unknown(path, "workflow without a jobs mapping");
        }
        ActionUses uses = new ActionUses(path, text);
        for (JsonNode job : root.path("jobs")) {
            if (job.path("uses").isTextual()) uses.add(job.path("uses").asText());
            for (JsonNode step : job.path("steps")) {
                if (step.path("uses").isTextual()) uses.add(step.path("uses").asText());
            }
        }
        return uses.result();
    }
}
