package io.spyglass.catalog.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python lock files. {@code Pipfile.lock} (JSON): the {@code default} section, pinned as
 * {@code "==1.2.3"}; its {@code develop} section is development-only and left out.
 * {@code pdm.lock} (TOML): every {@code [[package]]} with name and version, whatever its groups,
 * as syft reads it.
 */
final class PythonLockParser {
    private PythonLockParser() {}

    static ParseResult pipfileLock(String path, JsonNode lock) {
        JsonNode main = lock.get("default");
        if (main == null || !main.isObject()) return ParseResult.unknown(path, "Pipfile.lock without a \"default\" section");
        List<Package> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : main.properties()) {
            String version = e.getValue().path("version").asText("");
            if (version.startsWith("==")) version = version.substring(2);
            // a VCS or path requirement has no pinned version; it cannot be matched, so it is not listed
            if (!version.isBlank()) out.add(PythonPackages.create(e.getKey(), version.trim(), List.of(), path));
        }
        return ParseResult.of(out);
    }

    static ParseResult pdmLock(String path, JsonNode lock) {
        JsonNode packages = lock.get("package");
        if (packages == null || !packages.isArray()) return ParseResult.unknown(path, "pdm.lock without [[package]] tables");
        List<Package> out = new ArrayList<>();
        for (JsonNode p : packages) {
            String name = p.path("name").asText("");
            String version = p.path("version").asText("");
            if (!name.isBlank() && !version.isBlank()) out.add(PythonPackages.create(name, version, List.of(), path));
        }
        return ParseResult.of(out);
    }

    static boolean isLockFile(String fileName) {
        return fileName.equals("Pipfile.lock") || fileName.equals("pdm.lock");
    }
}
