package io.spyglass.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistroDetectorTest {
    private static Distro detect(Map<String, String> files) {
        return DistroDetector.detect(p -> files.containsKey(p) ? files.get(p).getBytes(StandardCharsets.UTF_8) : null);
    }

    @Test
    void osReleaseGivesIdVersionAndCodename() {
        assertThat(detect(Map.of("etc/os-release", """
                PRETTY_NAME="Ubuntu 22.04.4 LTS"
                NAME="Ubuntu"
                VERSION_ID="22.04"
                ID=ubuntu
                VERSION_CODENAME=jammy
                """))).isEqualTo(new Distro("ubuntu", "22.04", "jammy"));
    }

    @Test
    void usrLibOsReleaseWhenEtcHasNone() {
        assertThat(detect(Map.of("usr/lib/os-release", "ID=\"rocky\"\nVERSION_ID=\"9.2\"\n")))
                .isEqualTo(new Distro("rocky", "9.2", null));
    }

    @Test
    void debianCodenameDerivedFromVersionOrDebianVersion() {
        assertThat(detect(Map.of("etc/os-release", "ID=debian\nVERSION_ID=\"11\"\nVERSION=\"11 (bullseye)\"\n")))
                .isEqualTo(new Distro("debian", "11", "bullseye"));
        // testing/sid: no VERSION_ID in os-release, and debian_version names no number either
        assertThat(detect(Map.of("etc/os-release", "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\n",
                "etc/debian_version", "trixie/sid\n"))).isEqualTo(new Distro("debian", null, null));
        assertThat(detect(Map.of("etc/debian_version", "12.7\n"))).isEqualTo(new Distro("debian", "12", "bookworm"));
    }

    @Test
    void olderReleaseFilesAsFallbacks() {
        assertThat(detect(Map.of("etc/alpine-release", "3.12.12\n"))).isEqualTo(new Distro("alpine", "3.12.12", null));
        assertThat(detect(Map.of("etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n")))
                .isEqualTo(new Distro("centos", "7", null));
        assertThat(detect(Map.of("etc/redhat-release", "Red Hat Enterprise Linux release 8.8 (Ootpa)\n")))
                .isEqualTo(new Distro("rhel", "8.8", null));
        assertThat(detect(Map.of("etc/arch-release", ""))).isEqualTo(new Distro("arch", null, null));
        assertThat(detect(Map.of("etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=20.04\nDISTRIB_CODENAME=focal\n")))
                .isEqualTo(new Distro("ubuntu", "20.04", "focal"));
        assertThat(detect(Map.of())).isEqualTo(Distro.NONE);
    }
}
