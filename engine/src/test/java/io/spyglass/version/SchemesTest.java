package io.spyglass.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.catalog.PackageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SchemesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Debian, dpkg", "Ubuntu, dpkg", "Debian:12, dpkg", "Ubuntu:22.04:LTS, dpkg", "Alpine, apk", "Alpine:v3.20, apk",
            "Red Hat, rpm", "Red Hat:enterprise_linux:9, rpm", "Rocky Linux, rpm", "Rocky Linux:9, rpm", "AlmaLinux, rpm",
            "AlmaLinux:8, rpm", "Arch, alpm", "PyPI, pep440", "npm, semver", "Go, go", "Maven, maven", "NuGet, nuget",
            "RubyGems, gem", "Packagist, composer", "GitHub Actions, github-actions",
            "debian, dpkg", "PYPI, pep440", "alpine:V3.19, apk", "' Go ', go"})
    void mapsOsvEcosystems(String ecosystem, String scheme) {
        assertThat(Schemes.forEcosystem(ecosystem).name()).isEqualTo(scheme);
    }

    @Test
    void refusesUnknownEcosystemsByName() {
        assertThatThrownBy(() -> Schemes.forEcosystem("crates.io")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'crates.io'");
        assertThatThrownBy(() -> Schemes.forEcosystem("Hackage:9")).hasMessageContaining("'Hackage:9'");
        assertThatThrownBy(() -> Schemes.forEcosystem(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(PackageType.class)
    void everyPackageTypeHasAScheme(PackageType type) {
        assertThat(Schemes.forPackageType(type)).isNotNull();
    }

    @Test
    void packageTypesMatchTheirEcosystems() {
        assertThat(Schemes.forPackageType(PackageType.DEB)).isSameAs(Schemes.forEcosystem("Debian"));
        assertThat(Schemes.forPackageType(PackageType.APK)).isSameAs(Schemes.forEcosystem("Alpine"));
        assertThat(Schemes.forPackageType(PackageType.RPM)).isSameAs(Schemes.forEcosystem("Red Hat"));
        assertThat(Schemes.forPackageType(PackageType.ALPM)).isSameAs(Schemes.forEcosystem("Arch"));
        assertThat(Schemes.forPackageType(PackageType.GOLANG)).isSameAs(Schemes.forEcosystem("Go"));
        assertThat(Schemes.forPackageType(PackageType.COMPOSER)).isSameAs(Schemes.forEcosystem("Packagist"));
        assertThat(Schemes.forPackageType(PackageType.GEM)).isSameAs(Schemes.forEcosystem("RubyGems"));
        assertThat(Schemes.forPackageType(PackageType.GITHUB)).isSameAs(Schemes.forEcosystem("GitHub Actions"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {"v4 < v4.1.7", "v4.1.7 = 4.1.7", "v2.0.0-beta.1 < v2", "main = main", "v3 > v2.9.9"})
    void githubActionsOrdersVersionLikeRefs(String a, String op, String b) {
        SchemeTable.assertOrder(Schemes.GITHUB_ACTIONS, a, op, b);
    }

    @Test
    void githubActionsRefusesToOrderBranchesAndShas() {
        assertThatThrownBy(() -> Schemes.GITHUB_ACTIONS.compare("main", "v4")).isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("'main'");
        assertThatThrownBy(() -> Schemes.GITHUB_ACTIONS.compare("v4", "8e5e7e5ab8b370d6c329ec480221332ada57f0ab"))
                .isInstanceOf(InvalidVersionException.class);
    }
}
