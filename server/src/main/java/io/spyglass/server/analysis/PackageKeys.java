package io.spyglass.server.analysis;

import io.spyglass.advisory.InvalidAdvisoryException;
import io.spyglass.advisory.Namespaces;
import io.spyglass.advisory.PackageKey;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The advisory keys a stored package is matched under: OS packages under the distro's namespace by
 * binary and by source package name (Debian and Alpine advisories name source packages), language
 * packages under their OSV ecosystem. Each key carries the version to compare there.
 */
final class PackageKeys {
    private PackageKeys() {}

    /** A key and the installed version to compare under it. */
    record Keyed(PackageKey key, String version) {}

    static List<Keyed> of(Package p, Distro distro) {
        if (p.version() == null || p.version().isBlank()) return List.of();
        String namespace = namespace(p, distro);
        if (namespace == null) return List.of();
        Map<PackageKey, String> out = new LinkedHashMap<>();
        try {
            out.put(new PackageKey(namespace, name(p)), p.version());
            if (p.type().isOsPackage() && p.sourceName() != null && !p.sourceName().isBlank()) {
                String v = p.sourceVersion() != null && !p.sourceVersion().isBlank() ? p.sourceVersion() : p.version();
                out.putIfAbsent(new PackageKey(namespace, p.sourceName()), v);
            }
        } catch (InvalidAdvisoryException e) {
            return List.of();
        }
        List<Keyed> keys = new ArrayList<>();
        out.forEach((k, v) -> keys.add(new Keyed(k, v)));
        return keys;
    }

    static String namespace(Package p, Distro distro) {
        return switch (p.type()) {
            case DEB, APK, RPM -> distroNamespace(distro);
            case ALPM -> "arch";
            case PYPI -> "PyPI";
            case NPM -> "npm";
            case MAVEN -> "Maven";
            case GOLANG -> "Go";
            case NUGET -> "NuGet";
            case COMPOSER -> "Packagist";
            case GEM -> "RubyGems";
            case GITHUB -> "GitHub Actions";
        };
    }

    private static String distroNamespace(Distro distro) {
        if (distro == null || distro.id() == null || distro.versionId() == null) return null;
        try {
            String id = distro.id().equals("rhel") ? "redhat" : distro.id();
            String release = id.equals("redhat") || id.equals("rocky") || id.equals("almalinux")
                    ? distro.versionId().replaceAll("\\..*", "") : distro.versionId();
            if (id.equals("alpine")) release = release.replaceAll("^(\\d+\\.\\d+).*", "$1");
            return Namespaces.distro(id, release);
        } catch (InvalidAdvisoryException e) {
            return null;
        }
    }

    /** Maven advisories name {@code group:artifact}; the purl has both. */
    private static String name(Package p) {
        if (p.type() == io.spyglass.catalog.PackageType.MAVEN && p.purl() != null && p.purl().startsWith("pkg:maven/")) {
            String rest = p.purl().substring("pkg:maven/".length()).replaceAll("[@?#].*", "");
            int slash = rest.indexOf('/');
            if (slash > 0) return rest.substring(0, slash) + ":" + rest.substring(slash + 1);
        }
        return p.name();
    }
}
