package io.spyglass.advisory;

import io.spyglass.version.Schemes;
import io.spyglass.version.VersionConstraint;
import io.spyglass.version.VersionScheme;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * Turns a source's ecosystem or release name into an index namespace. Language ecosystems keep
 * OSV's names; distro releases become {@code <os-release ID>:<VERSION_ID>} ({@code debian:12},
 * {@code alpine:3.18}, {@code ubuntu:22.04}, {@code rocky:9}, {@code redhat:9}) so the matcher can
 * build the same key from an image's os-release. Arch is rolling: {@code arch}.
 */
public final class Namespaces {
    /** OSV's language and other non-distro ecosystems (osv-schema ecosystems list). */
    private static final Set<String> LANGUAGE = Set.of("PyPI", "npm", "Go", "Maven", "RubyGems", "Packagist",
            "NuGet", "GitHub Actions", "crates.io", "Hex", "Pub", "Hackage", "CRAN", "Bioconductor",
            "SwiftURL", "ConanCenter", "OSS-Fuzz", "Linux", "Android", "GSD", "UVI", "Bitnami", "GHC",
            "Julia", "opam", "VSCode", "CocoaPods");

    private static final Map<String, String> DISTROS = Map.ofEntries(
            Map.entry("debian", "debian"), Map.entry("ubuntu", "ubuntu"), Map.entry("alpine", "alpine"),
            Map.entry("rocky linux", "rocky"), Map.entry("almalinux", "almalinux"), Map.entry("red hat", "redhat"),
            Map.entry("wolfi", "wolfi"), Map.entry("chainguard", "chainguard"), Map.entry("photon os", "photon"),
            Map.entry("opensuse", "opensuse"), Map.entry("suse", "suse"), Map.entry("mageia", "mageia"),
            Map.entry("azure linux", "azurelinux"), Map.entry("arch", "arch"), Map.entry("alpaquita", "alpaquita"),
            Map.entry("bellsoft hardened containers", "bellsoft"), Map.entry("echo", "echo"),
            Map.entry("minimos", "minimos"), Map.entry("openeuler", "openeuler"));

    /** Debian release codenames to VERSION_ID (os-release). */
    private static final Map<String, String> DEBIAN_RELEASES = Map.ofEntries(
            Map.entry("woody", "3.0"), Map.entry("sarge", "3.1"), Map.entry("etch", "4"), Map.entry("lenny", "5"),
            Map.entry("squeeze", "6"), Map.entry("wheezy", "7"), Map.entry("jessie", "8"), Map.entry("stretch", "9"),
            Map.entry("buster", "10"), Map.entry("bullseye", "11"), Map.entry("bookworm", "12"),
            Map.entry("trixie", "13"), Map.entry("forky", "14"), Map.entry("duke", "15"), Map.entry("sid", "unstable"));

    private Namespaces() {}

    /**
     * The namespace for an OSV {@code ecosystem} string: {@code PyPI} stays {@code PyPI};
     * {@code Debian:12} → {@code debian:12}; {@code Alpine:v3.18} → {@code alpine:3.18};
     * {@code Ubuntu:22.04:LTS} → {@code ubuntu:22.04}; {@code Red Hat:enterprise_linux:9::appstream} → {@code redhat:9}.
     *
     * @throws InvalidAdvisoryException for an ecosystem it does not know, or a distro with no release
     */
    public static String fromOsvEcosystem(String ecosystem) {
        if (ecosystem == null || ecosystem.isBlank()) throw new InvalidAdvisoryException("empty ecosystem");
        String e = ecosystem.trim();
        if (LANGUAGE.contains(e)) return e;
        int colon = e.indexOf(':');
        String base = (colon < 0 ? e : e.substring(0, colon)).toLowerCase(Locale.ROOT);
        String distro = DISTROS.get(base);
        if (distro == null) {
            if (colon > 0 && LANGUAGE.contains(e.substring(0, colon))) return e.substring(0, colon);
            throw new InvalidAdvisoryException("unknown ecosystem '" + ecosystem + "'");
        }
        if (distro.equals("arch")) return "arch";
        if (colon < 0) {
            // Wolfi, Chainguard and similar rolling distros have no release
            if (Set.of("wolfi", "chainguard", "minimos", "echo").contains(distro)) return distro;
            throw new InvalidAdvisoryException("ecosystem '" + ecosystem + "' names no release");
        }
        return distro(distro, releaseOf(distro, e.substring(colon + 1)));
    }

    /** A distro namespace from an os-release ID and a release (version id or, for Debian, a codename). */
    public static String distro(String id, String release) {
        String r = release.trim();
        if (id.equals("debian")) r = debianRelease(r);
        if (id.equals("alpine") && r.startsWith("v")) r = r.substring(1);
        if (r.isEmpty()) throw new InvalidAdvisoryException(id + " namespace with an empty release");
        return id + ":" + r;
    }

    /** Debian codename to version id ({@code bookworm} → {@code 12}); version ids pass through. */
    public static String debianRelease(String codenameOrVersion) {
        String c = codenameOrVersion.trim().toLowerCase(Locale.ROOT);
        String v = DEBIAN_RELEASES.get(c);
        if (v != null) return v;
        if (c.matches("\\d+(\\.\\d+)?") || c.equals("unstable")) return c;
        throw new InvalidAdvisoryException("unknown Debian release '" + codenameOrVersion + "'");
    }

    /** True for namespaces of OS packages (everything with a release, and arch). */
    public static boolean isDistro(String namespace) {
        return namespace.indexOf(':') > 0 || namespace.equals("arch") || DISTROS.containsValue(namespace);
    }

    /** The version scheme that orders a namespace's versions, empty when none is known (crates.io, Hex…). */
    public static Optional<VersionScheme> scheme(String namespace) {
        String id = namespace.indexOf(':') > 0 ? namespace.substring(0, namespace.indexOf(':')) : namespace;
        switch (id) {
            case "debian", "ubuntu": return Optional.of(Schemes.DPKG);
            case "alpine", "wolfi", "chainguard": return Optional.of(Schemes.APK);
            case "redhat", "rocky", "almalinux": return Optional.of(Schemes.RPM);
            case "arch": return Optional.of(Schemes.ALPM);
            case "rubies": return Optional.of(Schemes.GEM);
            default:
                try {
                    return Optional.of(Schemes.forEcosystem(namespace));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
        }
    }

    /** How constraint strings are written in a namespace (for AFFECTED_IF / UNAFFECTED_IF ranges). */
    public static Optional<VersionConstraint.Dialect> dialect(String namespace) {
        return Optional.ofNullable(switch (namespace) {
            case "RubyGems", "rubies" -> VersionConstraint.Dialect.RUBYGEMS;
            case "Packagist" -> VersionConstraint.Dialect.COMPOSER;
            case "npm" -> VersionConstraint.Dialect.NPM;
            case "PyPI" -> VersionConstraint.Dialect.PYPI;
            default -> null;
        });
    }

    private static String releaseOf(String distro, String rest) {
        return switch (distro) {
            // Ubuntu:22.04:LTS, Ubuntu:Pro:18.04:LTS
            case "ubuntu" -> firstMatching(rest, "\\d+\\.\\d+");
            // Red Hat:enterprise_linux:9::appstream, Red Hat:rhel_eus:8.6::baseos
            case "redhat" -> majorOf(firstMatching(rest, "\\d+(\\.\\d+)?"));
            case "rocky", "almalinux" -> majorOf(firstMatching(rest, "\\d+(\\.\\d+)?"));
            default -> rest.contains(":") ? rest.substring(0, rest.indexOf(':')) : rest;
        };
    }

    private static String firstMatching(String rest, String regex) {
        for (String part : rest.split(":")) {
            if (part.matches(regex)) return part;
        }
        throw new InvalidAdvisoryException("no release number in '" + rest + "'");
    }

    private static String majorOf(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }
}
