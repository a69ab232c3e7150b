package io.spyglass.catalog.apk;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.List;
import java.util.TreeMap;

/**
 * A {@link Package} from one apk record. The origin is the source (aports) package and shares the
 * binary's version. The licence field is kept whole: it is one expression ("MIT AND BSD-2-Clause",
 * or older space-separated lists), not a list to split.
 */
final class ApkPackages {
    private ApkPackages() {}

    static Package of(String path, String name, String version, String arch, String origin, String license) {
        boolean hasOrigin = origin != null && !origin.isBlank();
        List<String> licenses = license == null || license.isBlank() ? List.of() : List.of(license);
        return new Package(PackageType.APK, name, version, purl(name, version, arch, hasOrigin ? origin : null),
                hasOrigin ? origin : name, version, licenses, List.of(Location.of(path)));
    }

    /** {@code pkg:apk/alpine/<name>@<version>?arch=…&upstream=<origin>} as syft writes it. */
    static String purl(String name, String version, String arch, String origin) {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        if (arch != null && !arch.isBlank()) qualifiers.put("arch", arch);
        if (origin != null) qualifiers.put("upstream", origin);
        return Purls.of("apk", "alpine", name, version, qualifiers, null);
    }
}
