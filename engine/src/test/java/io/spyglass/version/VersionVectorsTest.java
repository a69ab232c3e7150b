package io.spyglass.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every line of every shared vector file for an ecosystem Spyglass orders, checked in both directions
 * ({@code a < b} also means {@code b > a}). The osv-scalibr files for CRAN, Hackage and Pub are not read:
 * Spyglass catalogs no packages of those ecosystems, so it has no scheme for them.
 * The apk-tools {@code version.data} lines are checked in {@link ApkVersionDataTest}. Lines where the
 * reference tool disagrees with the file are listed, with the reason, in {@link VectorDeviations}, and
 * what the reference does is asserted for them instead.
 */
class VersionVectorsTest {

    private static final String DIR = "data/version-vectors/";

    static Stream<Arguments> vectors() {
        return Stream.of(
                        files(Schemes.ALPM, "alpm/alpm-versions.txt"),
                        files(Schemes.APK, "apk/apk-versions.txt", "osv-scalibr/alpine-versions.txt"),
                        files(Schemes.RPM, "rpm/rpm-versions.txt", "osv-scalibr/redhat-versions.txt"),
                        files(Schemes.DPKG, "osv-scalibr/debian-versions.txt"),
                        files(Schemes.MAVEN, "osv-scalibr/maven-versions.txt"),
                        files(Schemes.NUGET, "osv-scalibr/nuget-versions.txt"),
                        files(Schemes.COMPOSER, "osv-scalibr/packagist-versions.txt"),
                        files(Schemes.PEP440, "osv-scalibr/pypi-versions.txt"),
                        files(Schemes.GEM, "osv-scalibr/rubygems-versions.txt"),
                        files(Schemes.SEMVER, "osv-scalibr/semver-versions.txt"),
                        // OSV checks its Go ordering against the same SemVer file
                        files(Schemes.GO, "osv-scalibr/semver-versions.txt"))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> files(VersionScheme scheme, String... files) {
        return Stream.of(files)
                .flatMap(f -> VersionVectors.lines(DIR + f).stream())
                .map(line -> Arguments.of(scheme.name(), line, scheme));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("vectors")
    void agreesBothWays(String schemeName, VersionVectors.Line line, VersionScheme scheme) {
        VersionVectors.require(line);
        String[] f = line.fields();
        assertThat(f).as("line '%s' is 'a OP b'", line).hasSize(3);
        VectorDeviations.Deviation deviation = VectorDeviations.of(line.file(), scheme.name(), line.text());
        if (deviation != null) {
            checkDeviation(deviation, scheme, f);
            return;
        }
        assertOrder(scheme, f[0], f[1], f[2]);
    }

    private static void checkDeviation(VectorDeviations.Deviation d, VersionScheme scheme, String[] f) {
        switch (d.kind()) {
            case REJECTED -> assertThatThrownBy(() -> {
                        scheme.compare(f[0], f[2]);
                        scheme.compare(f[2], f[0]);
                    }).as("%s rejects a version of '%s %s %s': %s", scheme.name(), f[0], f[1], f[2], d.reason())
                    .isInstanceOf(InvalidVersionException.class);
            case ORDERED_DIFFERENTLY -> {
                assertOrder(scheme, f[0], d.answer(), f[2]);
                assertThat(d.answer()).as("a deviation must differ from the file").isNotEqualTo(f[1]);
            }
        }
    }

    private static void assertOrder(VersionScheme scheme, String a, String op, String b) {
        int expected = switch (op) {
            case "<" -> -1;
            case "=" -> 0;
            case ">" -> 1;
            default -> throw new AssertionError("unknown operator " + op);
        };
        assertThat(Integer.signum(scheme.compare(a, b))).as("%s: %s vs %s", scheme.name(), a, b).isEqualTo(expected);
        assertThat(Integer.signum(scheme.compare(b, a))).as("%s reversed: %s vs %s", scheme.name(), b, a).isEqualTo(-expected);
    }

}
