package io.spyglass.match;

import io.spyglass.advisory.Namespaces;
import io.spyglass.advisory.PackageKey;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The advisory-index keys a package is looked up under. OS packages are keyed by the image's
 * distro release ({@code debian:12}) and matched through their source package first, since distro
 * trackers name source packages (an {@code openssl} advisory flags {@code libssl3}); the binary
 * name is tried too. Language packages are keyed by OSV ecosystem and their own name.
 */
public final class MatchKeys {
    private MatchKeys() {}

    /** A key and how it was derived: {@code source-package} or {@code direct}. */
    public record Key(PackageKey key, String matchedBy) {}

    /**
     * How a finding was matched when the package's Maven group is unknown and was taken from the
     * advisory data, the only group it names for the artifactId (see {@link #groupless}).
     */
    public static final String INFERRED_GROUP = "inferred-group";

    /** The keys to look up, source package first; empty when the package cannot be matched (no distro). */
    public static List<Key> of(Package p, Distro distro) {
        List<Key> keys = new ArrayList<>();
        if (p.type().isOsPackage()) {
            Optional<String> ns = distroNamespace(distro);
            if (ns.isEmpty()) return keys;
            if (p.sourceName() != null && !p.sourceName().equals(p.name())) {
                keys.add(new Key(new PackageKey(ns.get(), p.sourceName()), "source-package"));
            }
            keys.add(new Key(new PackageKey(ns.get(), p.name()), "direct"));
            return keys;
        }
        String ecosystem = ecosystem(p.type());
        String name = p.type() == PackageType.MAVEN ? mavenName(p) : p.name();
        try {
            keys.add(new Key(new PackageKey(ecosystem, io.spyglass.advisory.PackageNames.normalise(ecosystem, name)), "direct"));
        } catch (IllegalArgumentException e) {
            // a name the ecosystem cannot hold gives no key rather than a wrong one
        }
        return keys;
    }

    /**
     * The artifactId of a Maven key without a group: the key of a jar identified from its file name
     * and manifest whose group could not be derived. Empty for any other key.
     */
    public static Optional<String> groupless(PackageKey key) {
        if (!key.namespace().equals(PackageKey.MAVEN) || key.name().indexOf(':') >= 0) return Optional.empty();
        return Optional.of(key.name());
    }

    /**
     * The package keys a change to this index key can reach: the key itself and, for a Maven
     * {@code group:artifact}, the bare artifactId that packages of unknown group are matched under
     * (which groups have advisories for an artifact decides whether they match at all).
     */
    public static List<PackageKey> reachedBy(PackageKey changed) {
        String artifact = changed.mavenArtifact();
        return artifact == null ? List.of(changed) : List.of(changed, new PackageKey(PackageKey.MAVEN, artifact));
    }

    /**
     * The index namespace of an image's distro: {@code debian:12}, {@code ubuntu:22.04},
     * {@code alpine:3.20} (major.minor), {@code rocky:9}/{@code almalinux:9}/{@code redhat:9}
     * (major), {@code arch}. Empty when the distro is unknown.
     */
    public static Optional<String> distroNamespace(Distro distro) {
        if (distro == null || !distro.isKnown()) return Optional.empty();
        String id = distro.id().toLowerCase(Locale.ROOT);
        String v = distro.versionId();
        switch (id) {
            case "arch", "archarm":
                return Optional.of("arch");
            case "wolfi", "chainguard":
                return Optional.of(id);
            case "rhel", "redhat", "centos":
                return v == null ? Optional.empty() : Optional.of("redhat:" + major(v));
            case "rocky", "almalinux":
                return v == null ? Optional.empty() : Optional.of(id + ":" + major(v));
            case "alpine":
                return v == null ? Optional.empty() : Optional.of("alpine:" + majorMinor(v));
            case "debian":
                if (v != null) return Optional.of("debian:" + major(v));
                if (distro.codename() != null) return Optional.of(Namespaces.distro("debian", distro.codename()));
                return Optional.empty();
            default:
                return v == null ? Optional.empty() : Optional.of(id + ":" + v);
        }
    }

    /** OSV's ecosystem name for a language package type. */
    public static String ecosystem(PackageType type) {
        return switch (type) {
            case PYPI -> "PyPI";
            case NPM -> "npm";
            case MAVEN -> PackageKey.MAVEN;
            case GOLANG -> "Go";
            case NUGET -> "NuGet";
            case COMPOSER -> "Packagist";
            case GEM -> "RubyGems";
            case GITHUB -> "GitHub Actions";
            default -> throw new IllegalArgumentException(type + " is an OS package type");
        };
    }

    // OSV names Maven packages group:artifact; our purl holds the group as namespace
    private static String mavenName(Package p) {
        if (p.name().contains(":")) return p.name();
        if (p.purl() != null && p.purl().startsWith("pkg:maven/")) {
            String rest = p.purl().substring("pkg:maven/".length());
            int at = rest.indexOf('@');
            String path = at < 0 ? rest : rest.substring(0, at);
            int q = path.indexOf('?');
            if (q >= 0) path = path.substring(0, q);
            int slash = path.lastIndexOf('/');
            if (slash > 0) return path.substring(0, slash).replace('/', '.') + ":" + path.substring(slash + 1);
        }
        return p.name();
    }

    private static String major(String v) {
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }

    private static String majorMinor(String v) {
        String[] parts = v.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : v;
    }
}
