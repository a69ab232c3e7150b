package io.spyglass.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.rpm.SourceRpm;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a {@link Package} read from an SPDX or CycloneDX file from its purl: the purl type is
 * the package type, and the {@code upstream} qualifier carries the source package for the OS
 * ecosystems ({@code name} or {@code name@version} for deb, the source rpm file for rpm).
 */
public final class SbomPackages {
    private SbomPackages() {}

    /** The package, or an IllegalArgumentException saying why the purl does not make one. */
    public static Package fromPurl(String purl, String name, String version, List<String> licenses, List<Location> locations) {
        if (purl == null || purl.isBlank()) throw new IllegalArgumentException("package '" + name + "' has no purl");
        PackageURL parsed;
        try {
            parsed = new PackageURL(purl);
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("package '" + name + "' has a malformed purl: " + e.getMessage(), e);
        }
        PackageType type = PackageType.parse(parsed.getType());
        String pkgName = name == null || name.isBlank() ? parsed.getName() : name;
        String pkgVersion = version == null || version.isBlank() || version.equals("NOASSERTION") ? parsed.getVersion() : version;
        String[] source = source(type, parsed.getQualifiers(), pkgName, pkgVersion);
        return new Package(type, pkgName, pkgVersion, purl, source[0], source[1], licenses, locations);
    }

    private static String[] source(PackageType type, Map<String, String> qualifiers, String name, String version) {
        String upstream = qualifiers == null ? null : qualifiers.get("upstream");
        switch (type) {
            case DEB, APK, ALPM:
                if (upstream == null) return new String[] {name, version};
                int at = upstream.indexOf('@');
                return at < 0 ? new String[] {upstream, version} : new String[] {upstream.substring(0, at), upstream.substring(at + 1)};
            case RPM:
                SourceRpm srpm = SourceRpm.parse(upstream);
                return srpm == null ? new String[] {name, version} : new String[] {srpm.name(), srpm.version()};
            default:
                return new String[] {null, null};
        }
    }
}
