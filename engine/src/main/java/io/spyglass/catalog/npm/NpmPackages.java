package io.spyglass.catalog.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.ArrayList;
import java.util.List;

/** npm package construction ({@code pkg:npm/%40scope/name@version}) and path rules. */
final class NpmPackages {
    static final String NODE_MODULES = "node_modules";

    private NpmPackages() {}

    static Package create(String name, String version, List<String> licenses, String path) {
        int slash = name.startsWith("@") ? name.indexOf('/') : -1;
        String namespace = slash > 0 ? name.substring(0, slash) : null;
        String bare = slash > 0 ? name.substring(slash + 1) : name;
        return new Package(PackageType.NPM, name, version, Purls.of("npm", namespace, bare, version),
                null, null, licenses, List.of(Location.of(path)));
    }

    /**
     * True for {@code …/node_modules/<name>/package.json} and {@code …/node_modules/@scope/<name>/package.json}:
     * the manifest of an installed package, not one of the extra package.json files some packages
     * ship in subfolders (for ESM/CJS switches) and not the application's own.
     */
    static boolean isInstalledManifest(String path) {
        String[] parts = path.split("/");
        int n = parts.length;
        if (n >= 3 && parts[n - 3].equals(NODE_MODULES) && !parts[n - 2].startsWith("@")) return true;
        return n >= 4 && parts[n - 4].equals(NODE_MODULES) && parts[n - 3].startsWith("@");
    }

    /** The package name a {@code node_modules/...} path ends in ({@code a/node_modules/@s/b} → {@code @s/b}). */
    static String nameFromModulePath(String key) {
        int i = key.lastIndexOf(NODE_MODULES + "/");
        return i < 0 ? key : key.substring(i + NODE_MODULES.length() + 1);
    }

    /** package.json {@code license}: a string or {@code {"type": ...}}; legacy {@code licenses}: an array of either. */
    static List<String> licenses(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        addLicense(out, manifest.get("license"));
        JsonNode many = manifest.get("licenses");
        if (many != null && many.isArray()) many.forEach(l -> addLicense(out, l));
        else addLicense(out, many);
        return out;
    }

    private static void addLicense(List<String> out, JsonNode node) {
        if (node == null) return;
        if (node.isTextual() && !node.asText().isBlank()) out.add(node.asText().trim());
        else if (node.isObject() && node.path("type").isTextual()) out.add(node.path("type").asText().trim());
    }
}
