package io.spyglass.catalog.npm;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code yarn.lock}, classic (v1: {@code version "1.2.3"}) and berry (YAML-like: {@code version: 1.2.3}).
 * Each top-level block is one resolved package; its key lists the requested ranges, e.g.
 * {@code "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":} or {@code "ajv@npm:6.12.3":}.
 * yarn.lock does not mark dev dependencies, so every resolved package counts. Berry's
 * {@code @workspace:} entries are the project's own folders and are skipped.
 */
final class YarnLockParser {
    private YarnLockParser() {}

    static ParseResult parse(String path, String text) {
        Set<String> seen = new LinkedHashSet<>();
        List<Package> out = new ArrayList<>();
        String name = null;
        boolean workspace = false;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            if (!Character.isWhitespace(line.charAt(0))) {
                int comma = line.indexOf(','); // split(",") of a line of commas alone is empty
                String firstSpec = (comma < 0 ? line : line.substring(0, comma)).replace("\"", "").trim();
                if (firstSpec.endsWith(":")) firstSpec = firstSpec.substring(0, firstSpec.length() - 1);
                name = firstSpec.equals("__metadata") ? null : nameOf(firstSpec);
                workspace = firstSpec.contains("@workspace:") || firstSpec.contains("@link:");
                continue;
            }
            String trimmed = line.trim();
            if (name != null && !workspace && line.startsWith("  ") && !line.startsWith("   ")
                    && (trimmed.startsWith("version ") || trimmed.startsWith("version:"))) {
                String version = trimmed.substring("version".length()).replace(":", " ").replace("\"", "").trim();
                if (!version.isEmpty() && seen.add(name + "@" + version)) {
                    out.add(NpmPackages.create(name, version, List.of(), path));
                }
                name = null;
            }
        }
        if (out.isEmpty() && !text.isBlank() && !text.contains("version")) {
            return ParseResult.unknown(path, "yarn.lock without any resolved package version");
        }
        return ParseResult.of(out);
    }

    /** {@code @scope/name@range} → {@code @scope/name}; the range may itself contain '@' ({@code npm:1.0}). */
    static String nameOf(String spec) {
        int at = spec.indexOf('@', spec.startsWith("@") ? 1 : 0);
        if (at < 0) throw new IllegalArgumentException("yarn.lock entry without a version range: " + spec);
        return spec.substring(0, at);
    }
}
