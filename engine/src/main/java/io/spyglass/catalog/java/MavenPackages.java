package io.spyglass.catalog.java;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maven package construction: name is the artifactId, purl {@code pkg:maven/<group>/<artifact>@<version>}. */
final class MavenPackages {
    /** {@code commons-collections-3.2.1.jar} → (commons-collections, 3.2.1): the version starts at the first "-digit". */
    private static final Pattern FILE_NAME = Pattern.compile("^(.+?)-(\\d[^/]*)\\.[A-Za-z]+$");

    private MavenPackages() {}

    static Package create(String group, String artifact, String version, String locationPath) {
        String namespace = group == null || group.isBlank() ? artifact : group;
        return new Package(PackageType.MAVEN, artifact, version, Purls.of("maven", namespace, artifact, version),
                null, null, List.of(), List.of(Location.of(locationPath)));
    }

    /** {name, version} from an archive's file name, or null when it carries no version. */
    static String[] fromFileName(String path) {
        String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
        Matcher m = FILE_NAME.matcher(file);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }
}
