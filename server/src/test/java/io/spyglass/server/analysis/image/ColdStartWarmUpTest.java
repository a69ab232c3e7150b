package io.spyglass.server.analysis.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.PackageType;
import io.spyglass.sbom.Sbom;
import org.junit.jupiter.api.Test;

/** The warm-up only pays off if its built-in layer takes the real analysis path through the catalogers. */
class ColdStartWarmUpTest {
    @Test
    void builtInLayerIsCataloguedLikeARealDebianImage() throws Exception {
        Sbom sbom = ColdStartWarmUp.analyseOnce(AdvisoryIndex.empty());

        assertThat(sbom.distro().id()).isEqualTo("debian");
        assertThat(sbom.distro().versionId()).isEqualTo("12");
        assertThat(sbom.packages()).filteredOn(p -> p.type() == PackageType.DEB).extracting(Package::name)
                .contains("libc6", "openssl", "bash");
        assertThat(sbom.packages()).extracting(Package::type).contains(PackageType.PYPI, PackageType.NPM);
        assertThat(sbom.unknowns()).noneMatch(io.spyglass.catalog.Unknown::layerFailed);
    }
}
