package io.spyglass.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One installed package. {@code sourceName}/{@code sourceVersion} name the source package where
 * the ecosystem has one (dpkg Source:, apk origin, rpm SRPM); they are null otherwise.
 * {@code locations} lists where it was found, the first being where it first appears.
 */
public record Package(
        PackageType type,
        String name,
        String version,
        String purl,
        String sourceName,
        String sourceVersion,
        List<String> licenses,
        List<Location> locations) {

    public Package {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        locations = locations == null ? List.of() : List.copyOf(locations);
    }

    public Package withLocations(List<Location> newLocations) {
        return new Package(type, name, version, purl, sourceName, sourceVersion, licenses, newLocations);
    }
}
