package io.spyglass.catalog.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.Distro;
import io.spyglass.catalog.Package;
import io.spyglass.image.Layer;
import io.spyglass.image.Platform;
import io.spyglass.image.source.ArchiveSource;
import io.spyglass.image.source.ImageSource;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The walk on the real corpus images: layers, history, distro, whiteouts, layer of origin. */
class ImageCatalogerCorpusTest {

    private static Sbom debianOci;

    /** The Debian image is 145 MB: walked once for the tests that only read its result. */
    private static synchronized Sbom debianOci() throws IOException {
        if (debianOci == null) debianOci = sbom(OciLayoutSource.open(SharedData.requireCorpus("debian/oci"), "bookworm"));
        return debianOci;
    }

    private static Sbom sbom(ImageSource source) throws IOException {
        try (source) {
            return new ImageCataloger(List.of(new JarNameCataloger()), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
    }

    @Test
    void debianLayersHistoryAndDistro() throws IOException {
        Sbom sbom = debianOci();
        assertThat(sbom.image().platform()).isEqualTo(Platform.LINUX_AMD64);
        assertThat(sbom.image().layers()).hasSize(3);
        assertThat(sbom.image().layers()).extracting(Layer::createdBy).allSatisfy(c -> assertThat(c).isNotBlank());
        assertThat(sbom.image().layers().get(0).createdBy()).startsWith("debootstrap");
        assertThat(sbom.image().layers().get(2).createdBy()).contains("rm /opt/javaapp/lib/commons-collections-3.2.1.jar");
        assertThat(sbom.image().layers()).extracting(l -> l.mediaType().value())
                .containsOnly("application/vnd.oci.image.layer.v1.tar+gzip");
        assertThat(sbom.distro()).isEqualTo(new Distro("debian", "12", "bookworm"));
        assertThat(sbom.unknowns()).isEmpty();
    }

    @Test
    void debianWhiteoutRemovesJarDeletedInLayerThree() throws IOException {
        // the jars are pinned by build-debian-image.sh (Maven Central releases never change); only the Debian packages vary
        Sbom sbom = debianOci();
        List<String> jars = sbom.packages().stream().map(Package::name).toList();
        assertThat(jars).contains("log4j-core-2.14.1.jar", "jackson-databind-2.9.10.jar")
                .doesNotContain("commons-collections-3.2.1.jar");
        Package log4j = sbom.packages().stream().filter(p -> p.name().equals("log4j-core-2.14.1.jar")).findFirst().orElseThrow();
        Layer second = sbom.image().layers().get(1);
        assertThat(log4j.locations().get(0).path()).isEqualTo("opt/javaapp/lib/log4j-core-2.14.1.jar");
        assertThat(log4j.locations().get(0).layer()).isEqualTo(second.digest().toString());
        assertThat(log4j.locations().get(0).diffId()).isEqualTo(second.diffId().toString());
    }

    @Test
    void dockerArchiveGivesTheSameInventoryAsTheOciLayout() throws IOException {
        Sbom oci = debianOci();
        Sbom archive = sbom(ArchiveSource.open(SharedData.requireCorpus("debian/debian-app.docker.tar")));
        assertThat(archive.image().layers()).extracting(Layer::diffId)
                .isEqualTo(oci.image().layers().stream().map(Layer::diffId).toList());
        assertThat(archive.image().layers()).extracting(Layer::createdBy)
                .isEqualTo(oci.image().layers().stream().map(Layer::createdBy).toList());
        // docker save stores layers uncompressed, so there the layer digest is the diff_id
        assertThat(archive.image().layers()).allSatisfy(l -> assertThat(l.digest()).isEqualTo(l.diffId()));
        assertThat(archive.distro()).isEqualTo(oci.distro());
        assertThat(names(archive)).isEqualTo(names(oci));
        assertThat(archive.packages()).extracting(p -> p.locations().get(0).diffId())
                .isEqualTo(oci.packages().stream().map(p -> p.locations().get(0).diffId()).toList());
    }

    @ParameterizedTest
    @CsvSource({
            "alpine/oci, 3.12.12, alpine/alpine-3.12.12.docker.tar, alpine, 3.12.12",
            "alpine/oci, 3.20.3, alpine/alpine-3.20.3.docker.tar, alpine, 3.20.3",
            "rpm/oci, el9-sqlite, rpm/el9-sqlite.docker.tar, rocky, 9.2",
            "rpm/oci, el7-bdb, rpm/el7-bdb.docker.tar, centos, 7",
            "rpm/oci, rhel8-bdb-real, rpm/rhel8-bdb-real.docker.tar, rhel, 8.8",
            "arch/oci, arch, arch/arch.docker.tar, arch, ",
    })
    void distroFromOciLayoutAndArchive(String layout, String tag, String archive, String id, String version) throws IOException {
        Sbom fromLayout = sbom(OciLayoutSource.open(SharedData.requireCorpus(layout), tag));
        Sbom fromArchive = sbom(ArchiveSource.open(SharedData.requireCorpus(archive)));
        assertThat(fromLayout.distro().id()).isEqualTo(id);
        assertThat(fromLayout.distro().versionId()).isEqualTo(version);
        assertThat(fromArchive.distro()).isEqualTo(fromLayout.distro());
        assertThat(fromArchive.image().layers()).extracting(Layer::diffId)
                .isEqualTo(fromLayout.image().layers().stream().map(Layer::diffId).toList());
    }

    private static List<String> names(Sbom sbom) {
        return sbom.packages().stream().map(p -> p.name() + " " + p.locations().get(0).path()).toList();
    }

}
