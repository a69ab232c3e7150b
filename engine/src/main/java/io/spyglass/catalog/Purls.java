package io.spyglass.catalog;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds package URLs (purl spec) through packageurl-java, so percent-encoding of scopes
 * ({@code @types} → {@code %40types}), versions such as {@code (devel)} and subpaths is the
 * library's, not ours.
 */
public final class Purls {
    private Purls() {}

    /** A purl string; {@code namespace}, {@code version} and {@code subpath} may be null. */
    public static String of(String type, String namespace, String name, String version, String subpath) {
        return of(type, namespace, name, version, Map.of(), subpath);
    }

    public static String of(String type, String namespace, String name, String version) {
        return of(type, namespace, name, version, Map.of(), null);
    }

    /** A purl with qualifiers (kept sorted, as the spec's canonical form asks). */
    public static String of(String type, String namespace, String name, String version,
                            Map<String, String> qualifiers, String subpath) {
        try {
            TreeMap<String, String> q = qualifiers.isEmpty() ? null : new TreeMap<>(qualifiers);
            return new PackageURL(type, blankToNull(namespace), name, blankToNull(version), q, blankToNull(subpath))
                    .canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("cannot build a " + type + " purl for '" + name + "': " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
