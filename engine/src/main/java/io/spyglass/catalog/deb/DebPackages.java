package io.spyglass.catalog.deb;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Package} from one dpkg stanza. The source package comes from {@code Source: name
 * (version)}; without it the source is the binary package itself, and without a version in
 * parentheses the source version is the binary version (dpkg's own rule).
 */
final class DebPackages {
    private DebPackages() {}

    static Package of(String path, Map<String, String> fields) {
        String name = fields.get("Package");
        String version = fields.get("Version");
        String arch = fields.get("Architecture");
        String source = fields.get("Source");
        String sourceName = name;
        String sourceVersion = version;
        if (source != null && !source.isBlank()) {
            int paren = source.indexOf('(');
            sourceName = (paren < 0 ? source : source.substring(0, paren)).trim();
            if (paren >= 0 && source.endsWith(")")) sourceVersion = source.substring(paren + 1, source.length() - 1).trim();
        }
        String purl = purl(name, version, arch, source == null || source.isBlank() ? null
                : sourceVersion.equals(version) ? sourceName : sourceName + "@" + sourceVersion);
        return new Package(PackageType.DEB, name, version, purl, sourceName, sourceVersion, List.of(),
                List.of(Location.of(path)));
    }

    /**
     * {@code pkg:deb/debian/<name>@<version>?arch=…&upstream=…}; the image walker replaces the
     * namespace with the detected distro and adds {@code distro=} (syft does the same).
     */
    static String purl(String name, String version, String arch, String upstream) {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        if (arch != null && !arch.isBlank()) qualifiers.put("arch", arch);
        if (upstream != null) qualifiers.put("upstream", upstream);
        return Purls.of("deb", "debian", name, version, qualifiers, null);
    }
}
