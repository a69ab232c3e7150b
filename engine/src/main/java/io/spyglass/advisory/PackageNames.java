package io.spyglass.advisory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Package names as each ecosystem compares them, so an advisory's name and an SBOM's name meet in
 * the index. Only ecosystems whose registries are case-insensitive are folded; npm, RubyGems, Go
 * and OS packages are case-sensitive and kept as written.
 */
public final class PackageNames {
    private static final Pattern PEP503 = Pattern.compile("[-_.]+");

    private PackageNames() {}

    public static String normalise(String namespace, String name) {
        String n = name.trim();
        return switch (namespace) {
            // PEP 503: lower case, runs of -_. become one -
            case "PyPI" -> PEP503.matcher(n.toLowerCase(Locale.ROOT)).replaceAll("-");
            // Composer and NuGet ids and GitHub owner/repo are case-insensitive
            case "Packagist", "NuGet", "GitHub Actions" -> n.toLowerCase(Locale.ROOT);
            // Maven coordinates are group:artifact; some feeds write group/artifact
            case "Maven" -> n.indexOf(':') < 0 && n.indexOf('/') > 0 ? n.replace('/', ':') : n;
            default -> n;
        };
    }
}
