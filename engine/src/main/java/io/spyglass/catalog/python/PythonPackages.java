package io.spyglass.catalog.python;

import io.spyglass.catalog.Location;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.catalog.Purls;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Python package construction: PEP 503 name normalisation and the pypi purl. */
final class PythonPackages {
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

    private PythonPackages() {}

    /** PEP 503: lower case, every run of {@code - _ .} becomes one {@code -}. */
    static String normalise(String name) {
        return SEPARATORS.matcher(name.trim()).replaceAll("-").toLowerCase(Locale.ROOT);
    }

    static Package create(String rawName, String version, List<String> licenses, String path) {
        String name = normalise(rawName);
        return new Package(PackageType.PYPI, name, version, Purls.of("pypi", null, name, version),
                null, null, licenses, List.of(Location.of(path)));
    }
}
