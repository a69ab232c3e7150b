package io.spyglass.version;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vector lines where the reference tool that Spyglass follows does not give the file's answer, each
 * with the reason and what is checked instead. Nothing here is skipped: every entry is still asserted.
 */
final class VectorDeviations {
    private VectorDeviations() {}

    enum Kind {
        /** The reference tool rejects a version of the line: compare must throw InvalidVersionException. */
        REJECTED,
        /** The reference tool orders the pair differently: {@link Deviation#answer} is asserted both ways. */
        ORDERED_DIFFERENTLY
    }

    record Deviation(Kind kind, String answer, String reason) {}

    private static final Map<String, Deviation> BY_LINE = new HashMap<>();

    private static void add(String file, Kind kind, String answer, String reason, List<String> lines) {
        for (String line : lines) BY_LINE.put(file + "|" + line, new Deviation(kind, answer, reason));
    }

    static {
        // apk-tools 3 (src/version.c): "-r" must be followed by digits (token_parse_digits marks it invalid), and an
        // invalid token makes a version older; apk-tools 2 read "-r" as "-r0", which is what OSV wrote down
        add("alpine-versions.txt", Kind.ORDERED_DIFFERENTLY, "<",
                "apk-tools 3 calls '1-r' invalid at '-r' (no digits) and orders it before 1-r0 (apk 2 read it as -r0)",
                List.of("1-r = 1-r0"));
        add("alpine-versions.txt", Kind.ORDERED_DIFFERENTLY, ">",
                "apk-tools 3 stops 1-r-2 at the invalid '-r-' while 1-r0-1 reads -r0 first, so 1-r0-1 is newer"
                        + " (apk 2 read both on to an invalid '-' and called them equal)",
                List.of("1-r0-1 = 1-r-2"));
        add("maven-versions.txt", Kind.ORDERED_DIFFERENTLY, ">",
                "Maven 3.9.11's ComparableVersion (java -cp maven-artifact-3.9.11.jar"
                        + " org.apache.maven.artifact.versioning.ComparableVersion 1-1 1-ga-1 prints '1-1 > 1-ga-1':"
                        + " tokens [1, [1]] vs [1, [[1]]]); the line comes from the version-order spec's prose",
                List.of("1-1 = 1-ga-1"));
        add("nuget-versions.txt", Kind.REJECTED, null,
                "NuGet.Versioning's NuGetVersion.TryParse reads each part with int.TryParse, which fails above Int32.MaxValue",
                List.of("999999999999999999999999999991 < 999999999999999999999999999999",
                        "999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991"
                                + " < 999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991"));
        add("packagist-versions.txt", Kind.ORDERED_DIFFERENTLY, "=",
                "Composer cannot normalise these, so PHP's version_compare orders them; it reads each number with"
                        + " strtol (ext/standard/versioning.c), which saturates at PHP_INT_MAX, so both sides are equal",
                List.of("999999999999999999999999999991 < 999999999999999999999999999999",
                        "999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991"
                                + " < 999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991"));
        add("packagist-versions.txt", Kind.ORDERED_DIFFERENTLY, "<",
                "PHP's version_compare canonicalises '1.2.3.#' to '1.2.3.' (a non-alphanumeric becomes a dot); the"
                        + " trailing empty part is then compared as version_compare(\"\", \"#N#\") = -1 (osv-scalibr's"
                        + " own comparator treats '#' as a number)",
                List.of("1.2.3.# = 1.2.3", "1.2.3.# = 1.2.3.1"));
        add("packagist-versions.txt", Kind.REJECTED, null,
                "Composer's constraint matching (Constraint::versionCompare without compareBranches) gives a branch"
                        + " (dev-foo) no order against a numbered version: only == and != hold",
                List.of("dev-foo < 1.26.0", "1.26.0 > dev-foo"));
        add("packagist-versions.txt", Kind.ORDERED_DIFFERENTLY, "=",
                "Composer's VersionParser::normalize makes both 1.0.0.0 before comparing; bare version_compare orders by length",
                List.of("1.0.0 > 1.0"));
        add("rubygems-versions.txt", Kind.REJECTED, null,
                "Gem::Version.new raises 'Malformed version number string' (ANCHORED_VERSION_PATTERN: a letter must follow a dot)",
                List.of("1 > 1beta", "1 > 1gamma"));
        add("semver-versions.txt", Kind.REJECTED, null,
                "not SemVer: node-semver and golang.org/x/mod/semver both reject it (OSV reads extra parts as build)",
                List.of("1.1.3.4.5 = 1.1.3.4.5"));
        add("semver-versions.txt#semver", Kind.REJECTED, null,
                "node-semver needs MAJOR.MINOR.PATCH (Go's v1 shorthand is accepted by the go scheme)",
                List.of("999999999999999999999999999991 < 999999999999999999999999999999"));
    }

    /** The deviation for a line of {@code file} under {@code scheme}, or null when the file's answer must hold. */
    static Deviation of(String file, String scheme, String line) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        Deviation d = BY_LINE.get(name + "#" + scheme + "|" + line);
        return d != null ? d : BY_LINE.get(name + "|" + line);
    }
}
