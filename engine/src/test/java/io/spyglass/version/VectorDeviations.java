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
        /** apk-tools 3 calls a version of the line invalid (apk_version_validate) yet orders it, differently from apk 2. */
        INVALID_IN_APK3,
        /** The reference tool orders the pair differently: {@link Deviation#answer} is asserted both ways. */
        ORDERED_DIFFERENTLY
    }

    record Deviation(Kind kind, String answer, String reason) {}

    private static final Map<String, Deviation> BY_LINE = new HashMap<>();

    private static void add(String file, Kind kind, String answer, String reason, List<String> lines) {
        for (String line : lines) BY_LINE.put(file + "|" + line, new Deviation(kind, answer, reason));
    }

    static {
        add("alpine-versions.txt", Kind.INVALID_IN_APK3, null,
                "OSV wrote these for apk 2.x; apk-tools 3's version.data marks such versions invalid ('!0.1a1', '!0.1-r',"
                        + " '!.1', '!a') and stops ordering at the first invalid token",
                List.of("1-r = 1-r0", "0..1..0 < 0..1..1", "0...1...0 < 0...1...1", "0...1...0.r1 < 0...1...0.r2",
                        "0...1...0r1 < 0...1...0r2", "0..8 > 0...8", "0.8.21.r2 > 0.8.21.r1",
                        "6.6.2p1 < 6.6.2p2", "1-r0-1 = 1-r-2",
                        ".1 < 1", "1 > .1", ".2 > .1", "a < b", "c > b", "c = c"));
        add("maven-versions.txt", Kind.ORDERED_DIFFERENTLY, ">",
                "Maven 3.9's ComparableVersion (the reference) keeps 'ga' when a list follows it, so 1-ga-1 < 1-1;"
                        + " the line comes from the version-order spec's prose",
                List.of("1-1 = 1-ga-1"));
        add("nuget-versions.txt", Kind.REJECTED, null, "NuGet.Versioning parses each part as an Int32",
                List.of("999999999999999999999999999991 < 999999999999999999999999999999",
                        "999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991"
                                + " < 999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991"));
        add("packagist-versions.txt", Kind.REJECTED, null,
                "Composer's VersionParser::normalize rejects these (PHP's bare version_compare orders any string)",
                List.of("4.3-2RC1 < 4.3-2RC2", "4.3-2RC2 > 4.3-2beta5", "4.3-2 > 4.3-2beta1",
                        "1.2.3.# = 1.2.3", "1.2.3.# = 1.2.3.#", "1.2.3.# = 1.2.3.1", "1.2.3.#.1 > 1.2.3",
                        "1.2.3.#.p3 > 1.2.3", "1.2.3.#.beta < 1.2.3",
                        "999999999999999999999999999991 < 999999999999999999999999999999",
                        "999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991"
                                + " < 999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991"));
        add("packagist-versions.txt", Kind.REJECTED, null,
                "Composer gives a branch (dev-foo) no order against a numbered version: only == and != apply",
                List.of("dev-foo < 1.26.0", "1.26.0 > dev-foo"));
        add("packagist-versions.txt", Kind.ORDERED_DIFFERENTLY, "=",
                "Composer normalises both to 1.0.0.0 before comparing; bare version_compare orders by length",
                List.of("1.0.0 > 1.0"));
        add("pypi-versions.txt", Kind.REJECTED, null,
                "legacy (non PEP 440) versions: packaging 22+ and pip reject them; OSV keeps setuptools' old LegacyVersion order",
                List.of("0.1-bulbasaur < 0.1-charmander", "0.1-charmander < 0.9-doduo", "0.9-doduo < 0.9-eevee",
                        "0.9-eevee < 0.9-fearow", "0.9-fearow < 0.9-gyarados", "0.9-gyarados < 0.9-horsea",
                        "0.9-horsea < 0.9-ivysaur", "0.9-ivysaur < 1.0", "-class.-jw.util.version.version-pre < 1.0",
                        "-class.-jw.util.version.version-preview < 1.0", "-class.-jw.util.version.version-dev < 1.0"));
        add("rubygems-versions.txt", Kind.REJECTED, null,
                "Gem::Version.new raises 'Malformed version number string' (a letter must follow a dot)",
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
