package io.spyglass.catalog.java;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.List;

/** Maven package construction: name is the artifactId, purl {@code pkg:maven/<group>/<artifact>@<version>}. */
final class MavenPackages {
    private MavenPackages() {}

    /** From Maven metadata (pom.properties, a lock file): a missing groupId is taken to equal the artifactId. */
    static Package create(String group, String artifact, String version, String locationPath) {
        String namespace = group == null || group.isBlank() ? artifact : group;
        return new Package(PackageType.MAVEN, artifact, version, Purls.of("maven", namespace, artifact, version),
                null, null, List.of(), List.of(Location.of(locationPath)));
    }

    /**
     * An inferred identity: {@code uncertainty} says what was inferred. A null group stays unknown and
     * the package has no purl (a Maven purl needs a namespace; a guessed one would be a wrong name).
     */
    static Package create(String group, String artifact, String version, String locationPath, String uncertainty) {
        String purl = group == null ? null : Purls.of("maven", group, artifact, version);
        return new Package(PackageType.MAVEN, artifact, version, purl, null, null, List.of(),
                List.of(Location.of(locationPath)), uncertainty);
    }
}
