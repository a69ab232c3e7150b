package io.spyglass.catalog;

import java.util.Locale;

/** The kind of package, as written in Spyglass's own SBOM json ({@code "type"}). */
public enum PackageType {
    DEB, APK, RPM, ALPM, PYPI, NPM, MAVEN, GOLANG, NUGET, COMPOSER, GEM, GITHUB;

    // computed once: ids are asked for per package when matching and storing
    private final String id = name().toLowerCase(Locale.ROOT);

    /** True for packages that belong to the operating system's package manager. */
    public boolean isOsPackage() {
        return this == DEB || this == APK || this == RPM || this == ALPM;
    }

    /** The lower-case name used in json and on the command line. */
    public String id() {
        return id;
    }

    public static PackageType parse(String id) {
        for (PackageType t : values()) {
            if (t.id.equals(id)) return t;
        }
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown package type '" + id + "'");
        }
    }
}
