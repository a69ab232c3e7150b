package io.spyglass.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a component of an SPDX or CycloneDX file into the {@link Package} our own cataloger would
 * have produced for it, so that matching an SBOM finds what matching the image finds: the purl type
 * is the package type, OS packages get their source package, epoch and distro-qualified purl
 * ({@link SbomOsPackages}), language packages the name our catalogers give them.
 */
public final class SbomPackages {
    /** purl types that name one of ours differently: syft before 0.60 wrote {@code pkg:alpine/…} for apk. */
    private static final Map<String, PackageType> TYPE_ALIASES = Map.of("alpine", PackageType.APK);

    private SbomPackages() {}

    /** The package, or an IllegalArgumentException saying why the component does not make one. */
    public static Package from(ComponentHints c, Distro distro) {
        if (c.purl() == null && c.typeHint() != null && c.uncertainty() != null && c.name() != null) {
            // ours: a package whose identity Spyglass could only partly infer (a jar of unknown group has no purl)
            return new Package(PackageType.parse(c.typeHint()), c.name(), c.version(), null, c.sourceName(),
                    c.fullSourceVersion(), c.licenses(), c.locations(), c.uncertainty());
        }
        if (c.purl() == null) {
            throw new IllegalArgumentException("package '" + c.name() + "' has no purl, so neither its type nor its ecosystem is known");
        }
        PackageURL purl = parse(c);
        PackageType type = type(c, purl);
        if (type.isOsPackage()) return SbomOsPackages.of(type, c, purl, distro == null ? Distro.NONE : distro);
        String version = c.version() != null ? c.version() : purl.getVersion();
        if (version == null) throw new IllegalArgumentException("package '" + c.name() + "' has no version");
        return new Package(type, name(type, purl), version, canonical(purl), null, null, c.licenses(), c.locations(),
                c.uncertainty());
    }

    static PackageURL parse(ComponentHints c) {
        try {
            return new PackageURL(c.purl());
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("package '" + c.name() + "' has a malformed purl: " + e.getMessage(), e);
        }
    }

    private static PackageType type(ComponentHints c, PackageURL purl) {
        if (c.typeHint() != null) return PackageType.parse(c.typeHint());
        PackageType alias = TYPE_ALIASES.get(purl.getType());
        if (alias != null) return alias;
        try {
            return PackageType.parse(purl.getType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("purl type '" + purl.getType() + "' (" + c.purl() + ") is not an ecosystem Spyglass matches", e);
        }
    }

    /** The name each cataloger gives: scoped npm and composer names keep their namespace, Go the module path, PyPI PEP 503. */
    private static String name(PackageType type, PackageURL purl) {
        String ns = purl.getNamespace();
        String name = purl.getName();
        return switch (type) {
            case NPM, COMPOSER, GOLANG -> ns == null ? name : ns + "/" + name;
            case GITHUB -> (ns == null ? name : ns + "/" + name) + (purl.getSubpath() == null ? "" : "/" + purl.getSubpath());
            case PYPI -> name.trim().replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
            default -> name; // maven: the artifact (the group stays in the purl); nuget, gem: the name
        };
    }

    private static String canonical(PackageURL purl) {
        return purl.canonicalize();
    }
}
