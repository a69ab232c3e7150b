package io.spyglass.catalog.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.npm.NpmCataloger;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian node modules through the layer walker: links are not followed into, so a module is
 * reported once per real position (as the corpus ground truth, an os.walk that does not follow
 * directory links, counts it), with the layer that installed it.
 */
class DebianNodeModulesLayerTest {
    private static final String FIXTURES = "/io/spyglass/catalog/npm/debian-nodejs/";

    @TempDir
    Path tmp;

    private static byte[] real(String path) throws IOException {
        try (InputStream in = DebianNodeModulesLayerTest.class.getResourceAsStream(FIXTURES + path)) {
            return in.readAllBytes();
        }
    }

    @Test
    void linkedModuleFoldersAreReportedOnceAtTheirRealPosition() throws IOException {
        String onHeaders = "usr/share/nodejs/on-headers/package.json";
        String types = "usr/share/nodejs/@types/node/package.json";
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file("etc/debian_version", "12.8\n"), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder()
                        .file(onHeaders, real(onHeaders))
                        .file(types, real(types))
                        // compatibility links of the kind Debian ships: a whole module folder, a scope
                        .symlink("usr/lib/nodejs/on-headers", "../../share/nodejs/on-headers")
                        .symlink("usr/share/nodejs/@types/node18", "node")
                        .symlink("usr/lib/x86_64-linux-gnu/nodejs/@types", "../../../share/nodejs/@types")
                        // a hard link is a second real file: the ground truth counts it too
                        .hardlink("usr/share/nodejs/on-headers-compat/package.json", onHeaders), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder().file("etc/mix-build", "x\n"), TestLayout.Compression.GZIP);
        Sbom sbom;
        try (OciLayoutSource source = OciLayoutSource.open(layout.write(), null)) {
            sbom = new ImageCataloger(List.of(new NpmCataloger()), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
        assertThat(sbom.packages()).flatExtracting(p -> p.locations().stream()
                .map(l -> p.purl() + " " + l.path() + " " + l.layer()).toList())
                .containsExactlyInAnyOrder(
                        "pkg:npm/on-headers@1.0.2 " + onHeaders + " " + layout.layerDigest(1),
                        "pkg:npm/on-headers@1.0.2 usr/share/nodejs/on-headers-compat/package.json " + layout.layerDigest(1),
                        "pkg:npm/%40types/node@18.18.14 " + types + " " + layout.layerDigest(1));
        assertThat(sbom.unknowns()).isEmpty();
    }

    @Test
    void aSymlinkedManifestIsThePackageOfItsTargetAtTheLinksPosition() throws IOException {
        // node-lodash installs lodash-es with its own code and package.json -> ../lodash/package.json
        String lodash = "usr/share/nodejs/lodash/package.json";
        TestLayout layout = new TestLayout(tmp)
                .layer(new TestLayout.LayerBuilder().file(lodash, real(lodash))
                        .symlink("usr/share/nodejs/lodash-es/package.json", "../lodash/package.json")
                        .symlink("usr/share/nodejs/lodash/lib/package.json", "../package.json") // not a module position
                        .symlink("usr/share/nodejs/gone/package.json", "../removed/package.json"), TestLayout.Compression.GZIP)
                .layer(new TestLayout.LayerBuilder()
                        .symlink("usr/lib/nodejs/lodash-compat/package.json", "/usr/share/nodejs/lodash/package.json"), TestLayout.Compression.GZIP);
        Sbom sbom = catalog(layout);
        assertThat(locations(sbom)).containsExactlyInAnyOrder(
                "pkg:npm/lodash@4.17.21 " + lodash + " " + layout.layerDigest(0),
                "pkg:npm/lodash@4.17.21 usr/share/nodejs/lodash-es/package.json " + layout.layerDigest(0),
                // a link made later is a package from the link's layer
                "pkg:npm/lodash@4.17.21 usr/lib/nodejs/lodash-compat/package.json " + layout.layerDigest(1));
        assertThat(sbom.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("usr/share/nodejs/gone/package.json");
            assertThat(u.layer()).isEqualTo(layout.layerDigest(0));
            assertThat(u.message()).contains("leads to no file that was read");
        });
    }

    private Sbom catalog(TestLayout layout) throws IOException {
        try (OciLayoutSource source = OciLayoutSource.open(layout.write(), null)) {
            return new ImageCataloger(List.of(new NpmCataloger()), WalkLimits.DEFAULT).catalog(source, Platform.LINUX_AMD64);
        }
    }

    private static List<String> locations(Sbom sbom) {
        return sbom.packages().stream().flatMap(p -> p.locations().stream()
                .map(l -> p.purl() + " " + l.path() + " " + l.layer())).toList();
    }
}
