package io.spyglass.catalog.php;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import io.spyglass.catalog.Unknown;
import java.util.ArrayList;
import java.util.List;

/** Composer package construction ({@code pkg:composer/vendor/name@version}) from one package object. */
final class ComposerPackages {
    private ComposerPackages() {}

    /** Adds the package described by {@code node} to {@code out}, or an Unknown when it lacks a name or version. */
    static void add(JsonNode node, String path, List<Package> out, List<Unknown> unknowns) {
        String name = node.path("name").asText("");
        String version = node.path("version").asText("");
        if (name.isBlank() || version.isBlank()) {
            unknowns.add(new Unknown(path, null, "composer package without name or version: " + abbreviate(node)));
            return;
        }
        int slash = name.indexOf('/');
        String vendor = slash > 0 ? name.substring(0, slash) : null;
        String bare = name.substring(slash + 1);
        List<String> licenses = new ArrayList<>();
        JsonNode license = node.path("license");
        if (license.isArray()) license.forEach(l -> licenses.add(l.asText()));
        else if (license.isTextual()) licenses.add(license.asText());
        out.add(new Package(PackageType.COMPOSER, name, version, Purls.of("composer", vendor, bare, version),
                null, null, licenses, List.of(Location.of(path))));
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
