package io.spyglass.version;

import io.spyglass.catalog.PackageType;
import java.util.Locale;
import java.util.Map;

/**
 * The explicit list of version schemes, looked up by OSV ecosystem name or by package type.
 * Grype falls back to a fuzzy comparator for unknown ecosystems; we refuse instead, so an advisory
 * for an ecosystem we cannot order is reported, never guessed.
 */
public final class Schemes {
    private Schemes() {}

    public static final VersionScheme DPKG = new DpkgVersionScheme();
    public static final VersionScheme APK = new ApkVersionScheme();
    public static final VersionScheme RPM = new RpmVersionScheme();
    public static final VersionScheme ALPM = new AlpmVersionScheme();
    public static final VersionScheme PEP440 = new Pep440VersionScheme();
    public static final VersionScheme SEMVER = new SemverVersionScheme();
    public static final VersionScheme GO = new GoVersionScheme();
    public static final VersionScheme MAVEN = new MavenVersionScheme();
    public static final VersionScheme NUGET = new NuGetVersionScheme();
    public static final VersionScheme GEM = new GemVersionScheme();
    public static final VersionScheme COMPOSER = new ComposerVersionScheme();
    public static final VersionScheme GITHUB_ACTIONS = new GitHubActionsVersionScheme();

    /** OSV ecosystem names (lower-cased) and the scheme that orders their versions. */
    private static final Map<String, VersionScheme> ECOSYSTEMS = Map.ofEntries(
            Map.entry("debian", DPKG),
            Map.entry("ubuntu", DPKG),
            Map.entry("alpine", APK),
            Map.entry("red hat", RPM),
            Map.entry("rocky linux", RPM),
            Map.entry("almalinux", RPM),
            Map.entry("arch", ALPM),
            Map.entry("pypi", PEP440),
            Map.entry("npm", SEMVER),
            Map.entry("go", GO),
            Map.entry("maven", MAVEN),
            Map.entry("nuget", NUGET),
            Map.entry("rubygems", GEM),
            Map.entry("packagist", COMPOSER),
            Map.entry("github actions", GITHUB_ACTIONS));

    /**
     * The scheme for an OSV ecosystem name such as {@code Debian}, {@code PyPI}, {@code Red Hat}, case-insensitive;
     * a distro release suffix ({@code Debian:12}, {@code Alpine:v3.20}, {@code Red Hat:enterprise_linux:9}) is allowed.
     *
     * @throws IllegalArgumentException naming the ecosystem when no scheme orders it
     */
    public static VersionScheme forEcosystem(String osvName) {
        if (osvName == null || osvName.isBlank()) throw new IllegalArgumentException("ecosystem is empty");
        String key = osvName.trim().toLowerCase(Locale.ROOT);
        int colon = key.indexOf(':');
        if (colon >= 0) key = key.substring(0, colon).trim();
        VersionScheme scheme = ECOSYSTEMS.get(key);
        if (scheme == null) throw new IllegalArgumentException("unknown ecosystem '" + osvName + "': no version scheme for it");
        return scheme;
    }

    /** The scheme for the versions of a catalogued package type. */
    public static VersionScheme forPackageType(PackageType type) {
        return switch (type) {
            case DEB -> DPKG;
            case APK -> APK;
            case RPM -> RPM;
            case ALPM -> ALPM;
            case PYPI -> PEP440;
            case NPM -> SEMVER;
            case MAVEN -> MAVEN;
            case GOLANG -> GO;
            case NUGET -> NUGET;
            case COMPOSER -> COMPOSER;
            case GEM -> GEM;
            case GITHUB -> GITHUB_ACTIONS;
        };
    }
}
