package io.spyglass.catalog.golang;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.List;

/** Go package construction: {@code pkg:golang/<module path>@<version>}; the toolchain is {@code stdlib}. */
final class GoPackages {
    static final String STDLIB = "stdlib";
    static final String DEVEL = "(devel)";

    private GoPackages() {}

    static Package module(String path, String version, String location) {
        // a crafted binary can name a path with empty elements ("a//b"): the purl leaves them out
        List<String> parts = java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        String name = parts.isEmpty() ? path : parts.get(parts.size() - 1);
        String namespace = parts.size() > 1 ? String.join("/", parts.subList(0, parts.size() - 1)) : null;
        // "(devel)" is no version at all: the purl leaves it out rather than encoding it
        String purlVersion = version == null || version.equals(DEVEL) ? null : version;
        return new Package(PackageType.GOLANG, path, version, Purls.of("golang", namespace, name, purlVersion),
                null, null, List.of(), List.of(Location.of(location)));
    }

    /** The Go toolchain a binary was built with, as syft names it: version go1.19.8, purl pkg:golang/stdlib@1.19.8. */
    static Package stdlib(String goVersion, String location) {
        String version = goVersion.trim().split("\\s+")[0];
        String purlVersion = version.startsWith("go") ? version.substring(2) : version;
        return new Package(PackageType.GOLANG, STDLIB, version, Purls.of("golang", null, STDLIB, purlVersion),
                null, null, List.of("BSD-3-Clause"), List.of(Location.of(location)));
    }

    /** A replacement target that is a folder ({@code ./x}, {@code ../x}, {@code /x}) rather than a module. */
    static boolean isLocalPath(String path) {
        return path.startsWith("./") || path.startsWith("../") || path.startsWith("/") || path.equals(".") || path.equals("..");
    }
}
