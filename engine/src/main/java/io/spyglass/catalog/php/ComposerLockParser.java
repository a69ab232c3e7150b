package io.spyglass.catalog.php;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.ParseResult;
import io.spyglass.catalog.Unknown;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code composer.lock}: the {@code packages} array. {@code packages-dev} are development-only
 * (not installed with {@code --no-dev}, the production norm) and are left out.
 */
final class ComposerLockParser {
    private ComposerLockParser() {}

    static ParseResult parse(String path, JsonNode lock) {
        JsonNode packages = lock.get("packages");
        if (packages == null || !packages.isArray()) {
            return ParseResult.unknown(path, "composer.lock without a \"packages\" array");
        }
        List<Package> out = new ArrayList<>();
        List<Unknown> unknowns = new ArrayList<>();
        packages.forEach(p -> ComposerPackages.add(p, path, out, unknowns));
        return new ParseResult(out, unknowns);
    }
}
