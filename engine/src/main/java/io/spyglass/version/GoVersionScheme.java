package io.spyglass.version;

/**
 * Go modules' ordering (golang.org/x/mod/semver): SemVer with a leading {@code v}, shorthand
 * {@code v1}/{@code v1.2} allowed. Pseudo-versions ({@code v0.0.0-20191109021931-daa7c04131f5},
 * {@code v1.2.4-0.2019…}) are pre-releases and so order by their timestamp; {@code +incompatible}
 * is build metadata and ignored. The {@code v} may be missing, as in OSV's Go records.
 */
final class GoVersionScheme implements VersionScheme {

    @Override
    public String name() {
        return "go";
    }

    @Override
    public int compare(String a, String b) {
        return parse(a).compareTo(parse(b));
    }

    private static Semver parse(String version) {
        if (version == null || version.isBlank()) throw new InvalidVersionException("go", version, "empty");
        String v = version.trim();
        if (v.startsWith("v")) v = v.substring(1);
        Semver s = Semver.parse(v, true);
        if (s == null) throw new InvalidVersionException("go", version, "not a Go module version (vMAJOR.MINOR.PATCH[-pre][+build])");
        return s;
    }
}
