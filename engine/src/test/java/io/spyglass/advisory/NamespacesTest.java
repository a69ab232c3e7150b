package io.spyglass.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spyglass.version.Schemes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamespacesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            PyPI                                  | PyPI
            GitHub Actions                        | GitHub Actions
            Debian:12                             | debian:12
            Debian:3.0                            | debian:3.0
            Alpine:v3.18                          | alpine:3.18
            Ubuntu:22.04:LTS                      | ubuntu:22.04
            Ubuntu:Pro:18.04:LTS                  | ubuntu:18.04
            Red Hat:enterprise_linux:9::appstream | redhat:9
            Red Hat:rhel_eus:8.6::baseos          | redhat:8
            Rocky Linux:9                         | rocky:9
            AlmaLinux:8                           | almalinux:8
            Wolfi                                 | wolfi
            """)
    void osvEcosystems(String ecosystem, String namespace) {
        assertThat(Namespaces.fromOsvEcosystem(ecosystem)).isEqualTo(namespace);
    }

    @Test
    void debianCodenamesAndUnknowns() {
        assertThat(Namespaces.distro("debian", "bookworm")).isEqualTo("debian:12");
        assertThat(Namespaces.distro("debian", "sid")).isEqualTo("debian:unstable");
        assertThat(Namespaces.distro("debian", "trixie")).isEqualTo("debian:13");
        assertThatThrownBy(() -> Namespaces.distro("debian", "hamm")).hasMessageContaining("unknown Debian release 'hamm'");
        assertThatThrownBy(() -> Namespaces.fromOsvEcosystem("Plan9")).hasMessageContaining("unknown ecosystem 'Plan9'");
        assertThatThrownBy(() -> Namespaces.fromOsvEcosystem("Debian")).hasMessageContaining("names no release");
    }

    @Test
    void schemesAndNames() {
        assertThat(Namespaces.scheme("debian:12")).contains(Schemes.DPKG);
        assertThat(Namespaces.scheme("redhat:9")).contains(Schemes.RPM);
        assertThat(Namespaces.scheme("arch")).contains(Schemes.ALPM);
        assertThat(Namespaces.scheme("PyPI")).contains(Schemes.PEP440);
        assertThat(Namespaces.scheme("crates.io")).isEmpty();
        assertThat(Namespaces.isDistro("alpine:3.20")).isTrue();
        assertThat(Namespaces.isDistro("npm")).isFalse();
        assertThat(new PackageKey("PyPI", "Zope.Interface").name()).isEqualTo("zope-interface");
        assertThat(new PackageKey("Packagist", "Guzzlehttp/Guzzle").name()).isEqualTo("guzzlehttp/guzzle");
        assertThat(new PackageKey("npm", "JSONStream").name()).isEqualTo("JSONStream");
        assertThat(new PackageKey("Maven", "org.apache.logging.log4j/log4j-core").name()).isEqualTo("org.apache.logging.log4j:log4j-core");
    }
}
