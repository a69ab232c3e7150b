package io.spyglass.catalog.dotnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code <app>.deps.json}: the {@code libraries} map, keyed {@code Name/1.2.3}. Only entries of
 * {@code "type": "package"} are NuGet packages; {@code project} entries are the application and its
 * own project references, and {@code referenceassembly} entries are framework reference stubs.
 */
final class DepsJsonParser {
    private DepsJsonParser() {}

    static ParseResult parse(String path, JsonNode deps) {
        JsonNode libraries = deps.get("libraries");
        if (libraries == null || !libraries.isObject()) {
            return ParseResult.unknown(path, "deps.json without a \"libraries\" object");
        }
        List<Package> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : libraries.properties()) {
            if (!"package".equals(e.getValue().path("type").asText())) continue;
            int slash = e.getKey().lastIndexOf('/');
            if (slash <= 0 || slash == e.getKey().length() - 1) {
                return new ParseResult(out, List.of(new Unknown(path, null,
                        "deps.json library key is not Name/Version: " + e.getKey())));
            }
            out.add(NugetPackages.create(e.getKey().substring(0, slash), e.getKey().substring(slash + 1), path));
        }
        return ParseResult.of(out);
    }
}
