package io.spyglass.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.PackageKey;
import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchKeysTest {

    @ParameterizedTest
    @CsvSource({
            "debian, 12, bookworm, debian:12",
            "debian, 12.5, bookworm, debian:12",
            "alpine, 3.20.3, , alpine:3.20",
            "ubuntu, 22.04, jammy, ubuntu:22.04",
            "rocky, 9.2, , rocky:9",
            "almalinux, 8.9, , almalinux:8",
            "rhel, 9.4, , redhat:9",
            "centos, 7, , redhat:7",
            "arch, , , arch",
    })
    void distroNamespaceFromOsRelease(String id, String version, String codename, String expected) {
        assertThat(MatchKeys.distroNamespace(new Distro(id, version, codename))).contains(expected);
    }

    @Test
    void unknownDistroGivesNoKeysForOsPackages() {
        Package libssl = new Package(PackageType.DEB, "libssl3", "3.0.11-1", null, "openssl", "3.0.11-1", null, null);
        assertThat(MatchKeys.of(libssl, Distro.NONE)).isEmpty();
    }

    @Test
    void osPackageIsLookedUpBySourcePackageFirst() {
        Package libssl = new Package(PackageType.DEB, "libssl3", "3.0.11-1", null, "openssl", "3.0.11-1", null, null);
        List<MatchKeys.Key> keys = MatchKeys.of(libssl, new Distro("debian", "12", "bookworm"));
        assertThat(keys).containsExactly(
                new MatchKeys.Key(new PackageKey("debian:12", "openssl"), "source-package"),
                new MatchKeys.Key(new PackageKey("debian:12", "libssl3"), "direct"));
    }

    @Test
    void mavenPackagesUseGroupAndArtifactFromThePurl() {
        Package log4j = new Package(PackageType.MAVEN, "log4j-core", "2.14.1",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", null, null, null, null);
        assertThat(MatchKeys.of(log4j, Distro.NONE))
                .containsExactly(new MatchKeys.Key(new PackageKey("Maven", "org.apache.logging.log4j:log4j-core"), "direct"));
    }

    @Test
    void pythonNamesAreNormalised() {
        Package p = new Package(PackageType.PYPI, "PyYAML", "6.0", null, null, null, null, null);
        assertThat(MatchKeys.of(p, Distro.NONE)).extracting(k -> k.key().name()).containsExactly("pyyaml");
    }
}
