package io.spyglass.catalog.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.spyglass.catalog.LanguageCatalogers;
import io.spyglass.catalog.Package;
import io.spyglass.catalog.Unknown;
import io.spyglass.image.Platform;
import io.spyglass.image.source.OciLayoutSource;
import io.spyglass.sbom.Sbom;
import io.spyglass.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go 1.13–1.17 binaries (fetched by {@code scripts/fetch-go-legacy.sh}) in a real layer walk,
 * with a buffer limit below their size so the walker hands each one as the layer's tar stream
 * itself: the build info must be read in one forward pass. A copy of one binary with its modinfo
 * pointer broken is an Unknown naming file and layer, and the good binaries' modules stay.
 */
class GoLegacyBinariesImageTest {

    @Test
    void streamedLegacyBinariesGiveModulesAndABrokenOneIsAWarning(@TempDir Path tmp) throws IOException {
        byte[] esbuild = Files.readAllBytes(SharedData.requireCorpus("go-legacy/esbuild-linux-64-0.8.57/esbuild"));
        byte[] fzf = Files.readAllBytes(SharedData.requireCorpus("go-legacy/fzf_0.24.3-1+b6_amd64/fzf"));
        byte[] broken = esbuild.clone();
        // the header's second pointer (runtime.modinfo), little-endian 64-bit, now into no segment
        int header = indexOf(broken, "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer.wrap(broken).order(ByteOrder.LITTLE_ENDIAN).putLong(header + 24, 0x7fff_0000_0000L);

        TestLayout.LayerBuilder layer = new TestLayout.LayerBuilder()
                .file("usr/bin/fzf", fzf, 0100755)
                .file("opt/app/node_modules/esbuild-linux-64/bin/esbuild", esbuild, 0100755)
                .file("opt/broken/esbuild", broken, 0100755);
        TestLayout layout = new TestLayout(tmp).layer(layer, TestLayout.Compression.GZIP);
        WalkLimits streamAll = new WalkLimits(16L << 30, 200.0, 100L << 20, 1 << 20);
        Sbom sbom;
        try (var source = OciLayoutSource.open(layout.write(), null)) {
            sbom = new ImageCataloger(LanguageCatalogers.all(), streamAll).catalog(source, Platform.LINUX_AMD64);
        }

        assertThat(sbom.packages()).extracting(p -> p.purl() + " " + p.locations().get(0).path()).containsExactlyInAnyOrder(
                "pkg:golang/stdlib@1.15.9 usr/bin/fzf",
                "pkg:golang/github.com/evanw/esbuild opt/app/node_modules/esbuild-linux-64/bin/esbuild",
                "pkg:golang/golang.org/x/sys@v0.0.0-20200501145240-bc7a7d42d5c3 opt/app/node_modules/esbuild-linux-64/bin/esbuild",
                "pkg:golang/stdlib@1.16 opt/app/node_modules/esbuild-linux-64/bin/esbuild");
        assertThat(sbom.packages()).extracting(Package::locations)
                .allSatisfy(l -> assertThat(l.get(0).layer()).isEqualTo(layout.layerDigest(0)));
        assertThat(sbom.unknowns()).singleElement().satisfies(u -> {
            assertThat(u.path()).isEqualTo("opt/broken/esbuild");
            assertThat(u.layer()).isEqualTo(layout.layerDigest(0));
            assertThat(u.message()).contains("pre-1.18", "runtime.modinfo", "0x7fff00000000");
        });
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) if (haystack[i + k] != needle[k]) continue outer;
            return i;
        }
        throw new AssertionError("no build-info magic");
    }
}
