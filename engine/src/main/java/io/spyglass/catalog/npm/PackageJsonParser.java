package io.spyglass.catalog.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.ParseResult;
import java.util.List;

/** The {@code package.json} of an installed package (inside node_modules, or at a Debian node root). */
final class PackageJsonParser {
    private PackageJsonParser() {}

    static ParseResult parse(String path, JsonNode manifest) {
        if (!manifest.isObject()) return ParseResult.unknown(path, "package.json is not a JSON object");
        String name = manifest.path("name").asText("");
        String version = manifest.path("version").asText("");
        if (name.isBlank() && !NpmPackages.isInstalledManifest(path)) {
            // outside node_modules npm never named the folder (Debian's packaging did), so the folder
            // is no stand-in for a missing name: say so rather than guess
            return ParseResult.unknown(path, "package.json has no name");
        }
        if (name.isBlank()) {
            // the folder is the installed name when a (rare) manifest leaves it out
            String dir = path.substring(0, path.length() - "/package.json".length());
            name = NpmPackages.nameFromModulePath(dir);
        }
        if (version.isBlank()) return ParseResult.unknown(path, "package.json of '" + name + "' has no version");
        return ParseResult.of(List.of(NpmPackages.create(name, version, NpmPackages.licenses(manifest), path)));
    }
}
