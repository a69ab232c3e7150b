package io.spyglass.sbom;

import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares two package lists of the same image by package identity: type, then name and version
 * normalised the way the ecosystem compares them, so two tools that spell one package differently
 * (PyPI {@code Flask_Login} and {@code flask-login}, Go {@code v1.2.3} and {@code 1.2.3}, a zero
 * epoch written or not) still agree. Duplicates (one package found at two paths) count once.
 */
public final class SbomComparison {
    private SbomComparison() {}

    public static SbomDifference compare(List<Package> first, List<Package> second) {
        Set<String> firstKeys = keys(first);
        Set<String> secondKeys = keys(second);
        List<Package> onlyFirst = unique(first, secondKeys);
        List<Package> onlySecond = unique(second, firstKeys);
        Set<String> both = new HashSet<>(firstKeys);
        both.retainAll(secondKeys);
        return new SbomDifference(onlyFirst, onlySecond, both.size());
    }

    /** The identity two tools must agree on: {@code type name version}, normalised. */
    public static String key(Package p) {
        return p.type().id() + " " + name(p) + " " + version(p);
    }

    private static Set<String> keys(List<Package> packages) {
        Set<String> out = new HashSet<>();
        for (Package p : packages) out.add(key(p));
        return out;
    }

    private static List<Package> unique(List<Package> packages, Set<String> otherKeys) {
        Set<String> seen = new HashSet<>();
        List<Package> out = new ArrayList<>();
        for (Package p : packages) {
            String k = key(p);
            if (!otherKeys.contains(k) && seen.add(k)) out.add(p);
        }
        return out;
    }

    private static String name(Package p) {
        String n = p.name().trim();
        return switch (p.type()) {
            // PEP 503: case and runs of -_. do not tell PyPI projects apart
            case PYPI -> n.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
            // these registries ignore case
            case COMPOSER, NUGET, GITHUB -> n.toLowerCase(Locale.ROOT);
            // catalogers name a Maven package by artifact or group:artifact; the purl has both
            case MAVEN -> mavenName(p);
            default -> n;
        };
    }

    private static String mavenName(Package p) {
        if (p.purl() != null && p.purl().startsWith("pkg:maven/")) {
            String coords = p.purl().substring("pkg:maven/".length());
            int cut = coords.indexOf('@');
            if (cut < 0) cut = coords.indexOf('?');
            return (cut < 0 ? coords : coords.substring(0, cut)).replace('/', ':');
        }
        return p.name();
    }

    private static String version(Package p) {
        String v = p.version() == null ? "" : p.version().trim();
        if (p.type() == PackageType.GOLANG && v.startsWith("v")) return v.substring(1);
        // an explicit zero epoch is the same version as none (dpkg, rpm, pacman)
        if (p.type().isOsPackage() && v.startsWith("0:")) return v.substring(2);
        return v;
    }
}
