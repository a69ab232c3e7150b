package io.spyglass.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's ordering, by Maven's own {@link ComparableVersion} (the reference, so nothing is re-implemented):
 * items split on {@code .}/{@code -} and digit/letter changes, trailing nulls trimmed, qualifiers
 * {@code alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp}, unknown
 * qualifiers after those in text order, lists after a {@code -}. Only an empty version is invalid.
 */
final class MavenVersionScheme implements VersionScheme {

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public int compare(String a, String b) {
        return Integer.signum(parse(a).compareTo(parse(b)));
    }

    private static ComparableVersion parse(String version) {
        if (version == null || version.isBlank()) throw new InvalidVersionException("maven", version, "empty");
        if (version.trim().chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidVersionException("maven", version, "embedded whitespace");
        }
        return new ComparableVersion(version.trim());
    }
}
