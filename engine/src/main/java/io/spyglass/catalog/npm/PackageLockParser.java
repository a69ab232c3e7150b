package io.spyglass.catalog.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code package-lock.json}. Versions 2 and 3 list every installed folder under {@code packages}
 * (key {@code node_modules/a/node_modules/b}); the root entry {@code ""} is the project itself and
 * is kept when named, as syft does. Version 1 nests {@code dependencies} maps. Entries marked
 * {@code "dev": true} are development-only and are not part of what ships, so they are left out;
 * so are links to workspace folders.
 */
final class PackageLockParser {
    private PackageLockParser() {}

    static ParseResult parse(String path, JsonNode lock) {
        if (!lock.isObject()) return ParseResult.unknown(path, "package-lock.json is not a JSON object");
        List<Package> out = new ArrayList<>();
        JsonNode packages = lock.get("packages");
        if (packages != null && packages.isObject()) {
            for (Map.Entry<String, JsonNode> e : packages.properties()) {
                addV2(out, path, lock, e.getKey(), e.getValue());
            }
        } else {
            addV1(out, path, lock.path("dependencies"), 0);
        }
        return ParseResult.of(out);
    }

    private static void addV2(List<Package> out, String path, JsonNode lock, String key, JsonNode entry) {
        if (entry.path("dev").asBoolean(false) || entry.path("link").asBoolean(false)) return;
        String name;
        if (key.isEmpty()) {
            name = entry.path("name").asText(lock.path("name").asText(""));
        } else if (key.contains(NpmPackages.NODE_MODULES + "/")) {
            // "name" is only present for aliased installs; the folder is otherwise the name
            name = entry.path("name").asText(NpmPackages.nameFromModulePath(key));
        } else {
            return; // a workspace folder: the application's own code
        }
        String version = entry.path("version").asText(key.isEmpty() ? lock.path("version").asText("") : "");
        if (name.isBlank() || version.isBlank()) return;
        out.add(NpmPackages.create(name, version, NpmPackages.licenses(entry), path));
    }

    private static void addV1(List<Package> out, String path, JsonNode deps, int depth) {
        if (!deps.isObject() || depth > 64) return;
        for (Map.Entry<String, JsonNode> e : deps.properties()) {
            JsonNode dep = e.getValue();
            if (dep.path("dev").asBoolean(false)) continue;
            String version = dep.path("version").asText("");
            String name = NpmPackages.nameFromModulePath(e.getKey());
            if (!version.isBlank() && !version.startsWith("file:")) {
                out.add(NpmPackages.create(name, version, List.of(), path));
            }
            addV1(out, path, dep.path("dependencies"), depth + 1);
        }
    }
}
