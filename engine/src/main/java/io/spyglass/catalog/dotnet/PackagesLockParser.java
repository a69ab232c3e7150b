package io.spyglass.catalog.dotnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code packages.lock.json}: per target framework, each dependency with its {@code resolved}
 * version. {@code Project} entries are the solution's own projects and are skipped; the same
 * package under several frameworks is one package.
 */
final class PackagesLockParser {
    private PackagesLockParser() {}

    static ParseResult parse(String path, JsonNode lock) {
        JsonNode frameworks = lock.get("dependencies");
        if (frameworks == null || !frameworks.isObject()) {
            return ParseResult.unknown(path, "packages.lock.json without a \"dependencies\" object");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Package> out = new ArrayList<>();
        for (JsonNode framework : frameworks) {
            for (Map.Entry<String, JsonNode> e : framework.properties()) {
                JsonNode dep = e.getValue();
                String version = dep.path("resolved").asText("");
                if (dep.path("type").asText().equalsIgnoreCase("Project") || version.isBlank()) continue;
                if (seen.add(e.getKey() + "@" + version)) out.add(NugetPackages.create(e.getKey(), version, path));
            }
        }
        return ParseResult.of(out);
    }
}
