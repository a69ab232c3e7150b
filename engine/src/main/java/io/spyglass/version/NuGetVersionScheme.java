package io.spyglass.version;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NuGet's ordering (NuGet.Versioning's VersionComparer, default mode): one to four numeric parts
 * (missing ones are 0, leading zeros allowed), SemVer 2 pre-release labels compared ignoring case,
 * build metadata after {@code +} ignored.
 */
final class NuGetVersionScheme implements VersionScheme {

    private static final Pattern PATTERN = Pattern.compile(
            "([0-9]+)(?:\\.([0-9]+))?(?:\\.([0-9]+))?(?:\\.([0-9]+))?"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    private record NuGetVersion(String[] parts, List<String> labels) {}

    @Override
    public String name() {
        return "nuget";
    }

    @Override
    public int compare(String a, String b) {
        NuGetVersion x = parse(a);
        NuGetVersion y = parse(b);
        for (int i = 0; i < 4; i++) {
            int c = Numbers.compareDigits(x.parts[i], y.parts[i]);
            if (c != 0) return c;
        }
        return Semver.comparePrerelease(x.labels, y.labels, true);
    }

    private static NuGetVersion parse(String version) {
        if (version == null) throw new InvalidVersionException("nuget", null, "empty");
        Matcher m = PATTERN.matcher(version.trim());
        if (!m.matches()) throw new InvalidVersionException("nuget", version, "not N[.N[.N[.N]]][-prerelease][+metadata]");
        String[] parts = new String[4];
        for (int i = 0; i < 4; i++) {
            String p = m.group(i + 1);
            // System.Version parts are Int32
            if (p != null && Numbers.compareDigits(p, "2147483647") > 0) {
                throw new InvalidVersionException("nuget", version, "part " + p + " is larger than 2147483647");
            }
            parts[i] = p == null ? "0" : p;
        }
        List<String> labels = m.group(5) == null ? List.of() : List.of(m.group(5).split("\\."));
        return new NuGetVersion(parts, labels);
    }
}
