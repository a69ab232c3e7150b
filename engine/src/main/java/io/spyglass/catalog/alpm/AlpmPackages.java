package io.spyglass.catalog.alpm;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.List;
import java.util.TreeMap;

/** A {@link Package} from one pacman desc; %BASE% is the source (pkgbase) and shares the version. */
final class AlpmPackages {
    private AlpmPackages() {}

    static Package of(String path, String name, String version, String arch, String base, List<String> licenses) {
        return new Package(PackageType.ALPM, name, version, purl(name, version, arch, base),
                base == null ? name : base, version, licenses, List.of(Location.of(path)));
    }

    /** {@code pkg:alpm/arch/<name>@<version>?arch=…&upstream=<base>} as syft writes it. */
    static String purl(String name, String version, String arch, String base) {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        if (arch != null) qualifiers.put("arch", arch);
        if (base != null) qualifiers.put("upstream", base);
        return Purls.of("alpm", "arch", name, version, qualifiers, null);
    }
}
