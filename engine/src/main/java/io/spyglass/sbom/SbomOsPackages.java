package io.spyglass.sbom;

import com.github.packageurl.PackageURL;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import io.spyglass.catalog.rpm.SourceRpm;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OS package (deb, apk, rpm, alpm) from another tool's SBOM, made the way our catalogers and the
 * image walk make it: version as the package manager writes it (rpm {@code [epoch:]version-release}),
 * source package per ecosystem rule, and purl {@code pkg:<type>/<distro id>/<name>@<version>?arch&epoch&distro&upstream}.
 *
 * <p>Where each tool keeps these: the epoch is inside the purl version (trivy) or an {@code epoch=}
 * qualifier (syft); trivy's SPDX {@code versionInfo} of an rpm is the version without release, so
 * the purl version is preferred. The source package is an explicit hint first (trivy and syft
 * properties, SPDX {@code sourceInfo}), else the purl's {@code upstream=} ({@code name[@version]} for
 * deb, the origin for apk, the source rpm file for rpm, pkgbase for alpm), else the package itself.
 */
final class SbomOsPackages {
    private SbomOsPackages() {}

    static Package of(PackageType type, ComponentHints c, PackageURL purl, Distro distro) {
        Map<String, String> q = purl.getQualifiers() == null ? Map.of() : purl.getQualifiers();
        String name = purl.getName() != null ? purl.getName() : c.name();
        String[] ev = epochAndVersion(purl.getVersion() != null ? purl.getVersion() : c.version(), q.get("epoch"));
        if (ev[1] == null) throw new IllegalArgumentException("package '" + name + "' has no version");
        String epoch = ev[0];
        // rpm keeps the epoch apart in the purl (an epoch= qualifier); dpkg, apk and pacman write it in the version
        String version = epoch == null ? ev[1] : epoch + ":" + ev[1];
        String upstream = q.get("upstream");
        String[] source = source(type, c, upstream, name, type == PackageType.RPM ? ev[1] : version);
        TreeMap<String, String> qualifiers = new TreeMap<>();
        if (q.get("arch") != null) qualifiers.put("arch", q.get("arch"));
        if (type == PackageType.RPM && epoch != null) qualifiers.put("epoch", epoch);
        if (distro.isKnown()) qualifiers.put("distro", distro.purlQualifier());
        String up = upstream(type, name, version, source, upstream, c.sourceName() != null || upstream != null);
        if (up != null) qualifiers.put("upstream", up);
        String namespace = distro.isKnown() ? distro.id() : purl.getNamespace() != null ? purl.getNamespace() : defaultNamespace(type);
        String out = Purls.of(type.id(), namespace, name, type == PackageType.RPM ? ev[1] : version, qualifiers, null);
        return new Package(type, name, version, out, source[0], source[1], c.licenses(), c.locations());
    }

    /** {epoch or null, version without epoch}: {@code 1:2.34-1} or ({@code 2.34-1}, {@code epoch=1}). */
    private static String[] epochAndVersion(String version, String epochQualifier) {
        if (version == null) return new String[] {null, null};
        int colon = version.indexOf(':');
        if (colon > 0 && version.substring(0, colon).matches("\\d+")) {
            return new String[] {version.substring(0, colon), version.substring(colon + 1)};
        }
        String epoch = epochQualifier == null || epochQualifier.isBlank() ? null : epochQualifier.trim();
        return new String[] {epoch, version};
    }

    /** {source name, source version}, by the same rules as the ecosystem's cataloger. */
    private static String[] source(PackageType type, ComponentHints c, String upstream, String name, String version) {
        String explicitName = c.sourceName();
        String explicitVersion = c.fullSourceVersion();
        switch (type) {
            case DEB -> {
                // a dpkg Source: field copied whole, "util-linux (2.34-0.1ubuntu9.1)"
                if (explicitName != null && explicitName.matches("\\S+ \\(\\S+\\)")) {
                    return new String[] {explicitName.substring(0, explicitName.indexOf(' ')),
                            explicitName.substring(explicitName.indexOf('(') + 1, explicitName.length() - 1)};
                }
                if (explicitName != null) return new String[] {explicitName, explicitVersion != null ? explicitVersion : version};
                if (upstream == null) return new String[] {name, version};
                int at = upstream.indexOf('@');
                return at < 0 ? new String[] {upstream, version} : new String[] {upstream.substring(0, at), upstream.substring(at + 1)};
            }
            case RPM -> {
                // our source version is the source rpm file's version-release, which never holds the epoch
                if (explicitName != null && explicitName.endsWith(".rpm")) upstream = explicitName;
                else if (explicitName != null) return new String[] {explicitName, explicitVersion == null ? version : withoutEpoch(explicitVersion)};
                SourceRpm srpm = SourceRpm.parse(upstream);
                return srpm == null ? new String[] {name, version} : new String[] {srpm.name(), srpm.version()};
            }
            default -> {
                // apk origin and pacman pkgbase are built from the same recipe at the binary's version
                String origin = explicitName != null ? explicitName : upstream;
                if (origin != null && origin.contains("@")) origin = origin.substring(0, origin.indexOf('@'));
                return new String[] {origin == null ? name : origin, version};
            }
        }
    }

    /** The upstream= qualifier our catalogers write; the document's own is kept when it says the same. */
    private static String upstream(PackageType type, String name, String version, String[] source, String given, boolean stated) {
        // dpkg writes Source: only when it differs from the package; rpm, apk and pacman always record theirs
        String computed = switch (type) {
            case DEB -> source[0].equals(name) && source[1].equals(version) ? null
                    : source[1].equals(version) ? source[0] : source[0] + "@" + source[1];
            case RPM -> stated ? source[0] + "-" + source[1] + ".src.rpm" : null;
            default -> stated ? source[0] : null;
        };
        if (given == null) return computed;
        if (type == PackageType.RPM) {
            SourceRpm srpm = SourceRpm.parse(given);
            return srpm != null && srpm.name().equals(source[0]) && srpm.version().equals(source[1]) ? given : computed;
        }
        String givenName = given.contains("@") ? given.substring(0, given.indexOf('@')) : given;
        return givenName.equals(source[0]) ? given : computed;
    }

    private static String withoutEpoch(String version) {
        int colon = version.indexOf(':');
        return colon > 0 && version.substring(0, colon).matches("\\d+") ? version.substring(colon + 1) : version;
    }

    private static String defaultNamespace(PackageType type) {
        return switch (type) {
            case DEB -> "debian";
            case APK -> "alpine";
            case RPM -> "redhat";
            default -> "arch";
        };
    }
}
