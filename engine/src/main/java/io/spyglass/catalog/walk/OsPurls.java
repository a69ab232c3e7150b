package io.spyglass.catalog.walk;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import java.util.Map;
import java.util.TreeMap;

/**
 * Qualifies OS package purls with the image's distro: catalogers write
 * {@code pkg:deb/debian/bash@5.2?arch=amd64} without knowing the distro; the image walk knows it
 * and makes it {@code pkg:deb/<id>/bash@5.2?arch=amd64&distro=<id>-<versionId>} (purl-spec deb/rpm/apk/alpm).
 */
final class OsPurls {
    private OsPurls() {}

    static Package qualify(Package p, Distro distro) {
        if (!p.type().isOsPackage() || !distro.isKnown() || p.purl() == null) return p;
        try {
            PackageURL in = new PackageURL(p.purl());
            Map<String, String> qualifiers = new TreeMap<>(in.getQualifiers() == null ? Map.of() : in.getQualifiers());
            qualifiers.put("distro", distro.purlQualifier());
            PackageURL out = new PackageURL(in.getType(), distro.id(), in.getName(), in.getVersion(),
                    new TreeMap<>(qualifiers), in.getSubpath());
            return new Package(p.type(), p.name(), p.version(), out.canonicalize(), p.sourceName(), p.sourceVersion(),
                    p.licenses(), p.locations());
        } catch (MalformedPackageURLException e) {
            return p; // the cataloger's own purl stays; a malformed one is its bug, reported by its tests
        }
    }
}
