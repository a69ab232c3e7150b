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
