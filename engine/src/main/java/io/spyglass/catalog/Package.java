package io.spyglass.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One installed package. {@code sourceName}/{@code sourceVersion} name the source package where
 * the ecosystem has one (dpkg Source:, apk origin, rpm SRPM); they are null otherwise.
 * {@code locations} lists where it was found, the first being where it first appears.
 * {@code uncertainty} is null when the identity was read from metadata written for the package
 * (a dpkg status, a pom.properties); otherwise it says which part was inferred and from what (a jar
 * without Maven metadata: artifact and version from its file name, group unknown), so a reader of the
 * SBOM can tell a guess from a fact. A Maven package whose group is unknown has no purl: the spec
 * requires a namespace, and a wrong one would match the wrong advisories.
 */
public record Package(
        PackageType type,
        String name,
        String version,
        String purl,
        String sourceName,
        String sourceVersion,
        List<String> licenses,
        List<Location> locations,
        String uncertainty) {

    public Package {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        locations = locations == null ? List.of() : List.copyOf(locations);
        if (uncertainty != null && uncertainty.isBlank()) uncertainty = null;
    }

    /** A package whose identity is certain. */
    public Package(PackageType type, String name, String version, String purl, String sourceName,
                   String sourceVersion, List<String> licenses, List<Location> locations) {
        this(type, name, version, purl, sourceName, sourceVersion, licenses, locations, null);
    }

    public boolean isUncertain() {
        return uncertainty != null;
    }

    public Package withLocations(List<Location> newLocations) {
        return new Package(type, name, version, purl, sourceName, sourceVersion, licenses, newLocations, uncertainty);
    }
}
