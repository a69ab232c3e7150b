package io.spyglass.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionRangeTest {

    @ParameterizedTest(name = "[{0}, fixed {1}, last {2}, limit {3}] {4} -> {5}")
    @CsvSource(nullValues = "-", value = {
            "0, 2.15.0, -, -, 2.14.1, true",
            "0, 2.15.0, -, -, 2.15.0, false",
            "2.0-beta9, 2.15.0, -, -, 2.0-beta8, false",
            "2.0-beta9, 2.15.0, -, -, 2.0, true",
            "-, -, 1.2.0, -, 1.2.0, true",
            "-, -, 1.2.0, -, 1.2.1, false",
            "1.0, -, -, -, 99.0, true",
            "1.0, -, -, 2.0, 2.0, false",
            "1.0, -, -, 2.0, 1.9, true"})
    void containsAsOsvEventsSay(String introduced, String fixed, String last, String limit, String version, boolean inside) {
        VersionRange range = new VersionRange(introduced, fixed, last, limit);
        assertThat(range.contains(Schemes.MAVEN, version)).isEqualTo(inside);
    }

    @Test
    void usesTheSchemeOrderNotTextOrder() {
        VersionRange debian = VersionRange.fixedIn("0", "1.2.3-1");
        assertThat(debian.contains(Schemes.DPKG, "1.2.3-1~deb12u1")).isTrue();
        assertThat(debian.contains(Schemes.DPKG, "1:0.1")).isFalse();
        assertThat(VersionRange.fixedIn("0", "0.7.0").contains(Schemes.GO, "v0.17.0")).isFalse();
        assertThat(VersionRange.all().contains(Schemes.NUGET, "0.0.1")).isTrue();
    }

    @Test
    void rangesWithVersionsTheStrictParsersRejectedAreDecided() {
        // PYSEC-2021-371 is fixed in 0.2.0-n653, a legacy (non PEP 440) version: ordered as pip's LegacyVersion did
        VersionRange pysec = VersionRange.fixedIn("0", "0.2.0-n653");
        assertThat(pysec.contains(Schemes.PEP440, "0.2.0-n600")).isTrue();
        assertThat(pysec.contains(Schemes.PEP440, "0.2.0-n700")).isFalse();
        // every legacy version sorts before every PEP 440 one, so a PEP 440 install is past a legacy fix
        assertThat(pysec.contains(Schemes.PEP440, "0.1.0")).isFalse();
        // Composer cannot normalise 4.3-2RC1; PHP's version_compare orders it
        assertThat(VersionRange.fixedIn("0", "4.3-2RC2").contains(Schemes.COMPOSER, "4.3-2RC1")).isTrue();
        assertThat(VersionRange.fixedIn("0", "1.9.5p2-r0").contains(Schemes.APK, "1.9.5p1-r0")).isTrue();
        // a branch still has no order against a release: the caller records it as uncertain
        assertThatThrownBy(
                () -> VersionRange.fixedIn("0", "1.26.0").contains(Schemes.COMPOSER, "dev-main"))
                .isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> new VersionRange("1.0", "2.0", "1.5", null)).hasMessageContaining("not both");
        assertThatThrownBy(() -> new VersionRange(" ", null, null, null)).hasMessageContaining("introduced");
        assertThatThrownBy(() -> VersionRange.fixedIn("0", "not a version").validate(Schemes.SEMVER))
                .isInstanceOf(InvalidVersionException.class).hasMessageContaining("not a version");
        assertThatThrownBy(() -> VersionRange.fixedIn("0", "1.0.0").contains(Schemes.SEMVER, "garbage"))
                .isInstanceOf(InvalidVersionException.class);
    }

    @Test
    void normalisesOpenBounds() {
        assertThat(new VersionRange("0", "1", null, "*")).isEqualTo(new VersionRange(null, "1", null, null));
        assertThat(VersionRange.fixedIn("1.0", "2.0").toString()).isEqualTo(">=1.0, <2.0");
    }
}
