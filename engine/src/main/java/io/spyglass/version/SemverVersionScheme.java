package io.spyglass.version;

/**
 * npm's ordering (node-semver, strict mode): {@code MAJOR.MINOR.PATCH[-prerelease][+build]} with an
 * optional leading {@code v} or {@code =}; build metadata is ignored. Also used for crates-style SemVer
 * and for GitHub Actions tags that look like versions.
 */
final class SemverVersionScheme implements VersionScheme {

    @Override
    public String name() {
        return "semver";
    }

    @Override
    public int compare(String a, String b) {
        return parse(a).compareTo(parse(b));
    }

    static Semver parse(String version) {
        if (version == null) throw new InvalidVersionException("semver", null, "empty");
        String v = version.trim();
        if (v.startsWith("=")) v = v.substring(1).trim();
        if (v.startsWith("v") || v.startsWith("V")) v = v.substring(1);
        Semver s = Semver.parse(v, false);
        if (s == null) throw new InvalidVersionException("semver", version, "not MAJOR.MINOR.PATCH[-prerelease][+build]");
        return s;
    }
}
