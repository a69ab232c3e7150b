package io.spyglass.sbom;

import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.Unknown;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What an image contains: the image it describes, its distro, its packages (sorted, so output is
 * deterministic) and the files that could not be fully read.
 */
public record Sbom(SbomImage image, Distro distro, List<Package> packages, List<Unknown> unknowns) {

    /** type, name, version, purl, then first location: the order every format writes. */
    public static final Comparator<Package> PACKAGE_ORDER = Comparator
            .comparing((Package p) -> p.type().id())
            .thenComparing(Package::name)
            .thenComparing(p -> Objects.toString(p.version(), ""))
            .thenComparing(p -> Objects.toString(p.purl(), ""))
            .thenComparing(p -> p.locations().isEmpty() ? "" : p.locations().get(0).path());

    private static final Comparator<Unknown> UNKNOWN_ORDER = Comparator
            .comparing((Unknown u) -> Objects.toString(u.layer(), ""))
            .thenComparing(u -> Objects.toString(u.path(), ""))
            .thenComparing(u -> Objects.toString(u.message(), ""));

    public Sbom {
        Objects.requireNonNull(image, "image");
        distro = distro == null ? Distro.NONE : distro;
        packages = packages.stream().sorted(PACKAGE_ORDER).toList();
        unknowns = unknowns.stream().sorted(UNKNOWN_ORDER).toList();
    }
}
