package io.spyglass.catalog.php;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vendor/composer/installed.json}: Composer 1 writes a top-level array, Composer 2
 * {@code {"packages": [...]}}. Every entry is on disk, so dev packages (Composer 2's
 * {@code dev-package-names}) are installed packages too and are kept.
 */
final class InstalledJsonParser {
    private InstalledJsonParser() {}

    static ParseResult parse(String path, JsonNode root) {
        JsonNode packages = root.isArray() ? root : root.get("packages");
        if (packages == null || !packages.isArray()) {
            return ParseResult.unknown(path, "installed.json is neither an array nor {\"packages\": [...]}");
        }
        List<Package> out = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        packages.forEach(p -> ComposerPackages.add(p, path, out, unknowns));
        return new ParseResult(out, unknowns);
    }
}
