package io.spyglass.catalog.dotnet;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.List;

/** NuGet package construction: {@code pkg:nuget/<Id>@<version>} (NuGet ids keep their case). */
final class NugetPackages {
    private NugetPackages() {}

    static Package create(String id, String version, String path) {
        return new Package(PackageType.NUGET, id, version, Purls.of("nuget", null, id, version),
                null, null, List.of(), List.of(Location.of(path)));
    }
}
