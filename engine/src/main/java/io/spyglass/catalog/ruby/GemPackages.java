package io.spyglass.catalog.ruby;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.List;

/** RubyGems package construction: {@code pkg:gem/<name>@<version>}. */
final class GemPackages {
    private GemPackages() {}

    static Package create(String name, String version, List<String> licenses, String path) {
        return new Package(PackageType.GEM, name, version, Purls.of("gem", null, name, version),
                null, null, licenses, List.of(Location.of(path)));
    }
}
