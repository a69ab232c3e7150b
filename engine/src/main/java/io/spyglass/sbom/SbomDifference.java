package io.spyglass.sbom;

import io.spyglass.catalog.Package;
import java.util.List;

/**
 * How two package lists of one image differ: what only the first (e.g. an SBOM attached by the
 * build) lists, what only the second (Spyglass's own) lists, and how many both list. Each list is
 * in {@link Sbom#PACKAGE_ORDER}.
 */
public record SbomDifference(List<Package> onlyInFirst, List<Package> onlyInSecond, int inBoth) {
    public SbomDifference {
        onlyInFirst = onlyInFirst.stream().sorted(Sbom.PACKAGE_ORDER).toList();
        onlyInSecond = onlyInSecond.stream().sorted(Sbom.PACKAGE_ORDER).toList();
    }

    public boolean same() {
        return onlyInFirst.isEmpty() && onlyInSecond.isEmpty();
    }
}
